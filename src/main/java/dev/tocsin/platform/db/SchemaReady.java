package dev.tocsin.platform.db;

/**
 * CDI event fired once, when the database is reachable and migrated. Start-up work that needs
 * the database (first admin, demo data) observes this instead of StartupEvent, so that a
 * database that is down at start delays it rather than failing the boot.
 */
public record SchemaReady() {}
