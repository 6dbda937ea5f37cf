-- 叫应 rota: the days a person holds their post, as weekdays and dates (e.g. mon,thu,2026-12-05);
-- NULL holds it every day. Portable SQL for H2 2.x and MariaDB 10.6+.

ALTER TABLE duty_person ADD COLUMN rota VARCHAR(1000);
