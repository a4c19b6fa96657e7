-- The capstone's PostgreSQL side: a Debezium role with REPLICATION, an orders table and an outbox table.
-- Run once by stack/up as the superuser; :pw is the generated password (never written to logs).
CREATE ROLE debezium WITH LOGIN REPLICATION PASSWORD :'pw';
CREATE DATABASE capstone OWNER debezium;
\connect capstone
SET ROLE debezium;
CREATE TABLE orders (
    id          bigint PRIMARY KEY,
    customer    varchar(255) NOT NULL,
    total       numeric(12, 2) NOT NULL,
    status      varchar(32) NOT NULL DEFAULT 'NEW',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE outbox (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    aggregatetype varchar(255) NOT NULL,
    aggregateid   varchar(255) NOT NULL,
    type          varchar(255) NOT NULL,
    payload       jsonb,
    created_at    timestamptz NOT NULL DEFAULT now()
);
