-- The capstone's MariaDB side: a Debezium user with the grants the binlog reader needs, an orders
-- table and an outbox table. Run once by stack/up as root over the socket; @PASSWORD@ is replaced.
CREATE DATABASE capstone;
CREATE USER 'debezium'@'%' IDENTIFIED BY '@PASSWORD@';
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'debezium'@'%';
GRANT ALL PRIVILEGES ON capstone.* TO 'debezium'@'%';
USE capstone;
CREATE TABLE orders (
    id          BIGINT PRIMARY KEY,
    customer    VARCHAR(255) NOT NULL,
    total       DECIMAL(12, 2) NOT NULL,
    status      VARCHAR(32) NOT NULL DEFAULT 'NEW',
    created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);
CREATE TABLE outbox (
    id            CHAR(36) PRIMARY KEY DEFAULT UUID(),
    aggregatetype VARCHAR(255) NOT NULL,
    aggregateid   VARCHAR(255) NOT NULL,
    type          VARCHAR(255) NOT NULL,
    payload       JSON,
    created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
);
