"""Orquestador de la rutina de demostración (con hallazgos sembrados a propósito)."""
import json
import logging
import os
import subprocess

from alm_demo_rutina.utils.conexion import conectar

CONFIG = os.path.join(os.path.dirname(__file__), "static", "config", "config.json")
SALIDA = "/home/jperez/reportes/calendario.csv"  # hallazgo PTH001: ruta de un usuario


def leer_config():
    with open(CONFIG) as archivo:
        return json.load(archivo)


def ejecutar(fecha):
    config = leer_config()
    logging.info(f"Ejecutando para {fecha}")  # hallazgo PY003: f-string en Python 3.5
    conexion = conectar(config["dsn"])
    cursor = conexion.cursor()
    cursor.execute("SELEC cliente FROM proceso_demo_zona.calendario_pagos")  # hallazgo SQL001
    resultado = subprocess.run(["hdfs", "dfs", "-ls"], capture_output=True)  # hallazgo PY004
    with open(os.path.join(config["ruta_salida"], "calendario.csv"), "w") as salida:
        salida.write(str(resultado.returncode))
    return conexion


if __name__ == "__main__":
    ejecutar("2024-01-05")
