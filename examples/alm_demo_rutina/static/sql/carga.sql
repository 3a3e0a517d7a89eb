-- Carga diaria del calendario
INSERT OVERWRITE TABLE proceso_demo_zona.calendario_pagos
SELECT cliente, fecha_pago, valor
FROM resultados.pagos_programados
WHERE fecha_pago >= now();
