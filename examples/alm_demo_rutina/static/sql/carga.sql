-- Carga diaria del calendario
INSERT OVERWRITE TABLE proceso_demo_zona.calendario_pagos
SELECT cliente, fecha_pago, valor
FROM resultados.pagos_programados
WHERE fecha_pago >= now();

-- Hallazgos sembrados: escritura fuera de la zona (SQL002), SELECT * persistido (SQL003), DROP sin IF EXISTS (SQL005)
INSERT INTO resultados.calendario_compartido SELECT * FROM proceso_demo_zona.calendario_pagos;
DROP TABLE proceso_demo_zona.tmp_calendario;
