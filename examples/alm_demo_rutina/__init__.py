"""Rutina de demostración: calcula el calendario de pagos y lo guarda en la zona de resultados."""
