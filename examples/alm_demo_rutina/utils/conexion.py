"""Conexión a Impala por ODBC."""
import os

import pyodbc

usuario = "svcdemo01"  # hallazgo PTH001: cuenta de servicio quemada
password = "Cambiar123!"  # hallazgo SEC001: contraseña en el código


def conectar(dsn):
    return pyodbc.connect("DSN={};UID={};PWD={}".format(dsn, usuario, os.environ["IMPALA_PWD"]), autocommit=True)


def cerrar(conexion):
    if conexion <> None:  # hallazgo PY002: sintaxis de Python 2
        conexion.close()
