-- Creates the Tocsin database and a least-privilege user. Run once as a MariaDB admin:
--   mariadb -uroot < deploy/mariadb-bootstrap.sql
-- then set TOCSIN_DB_PASSWORD to the password chosen below (change it first).
-- Tocsin needs MariaDB 10.6 or later (SELECT ... FOR UPDATE SKIP LOCKED).
CREATE DATABASE IF NOT EXISTS tocsin CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'tocsin'@'%' IDENTIFIED BY 'change-me';
-- Data access plus what Flyway needs to apply migrations at start-up; no global privileges.
GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES,
      CREATE TEMPORARY TABLES, LOCK TABLES ON tocsin.* TO 'tocsin'@'%';
FLUSH PRIVILEGES;
