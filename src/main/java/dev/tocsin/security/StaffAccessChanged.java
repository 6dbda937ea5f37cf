package dev.tocsin.security;

/**
 * Fired inside the transaction that changes an account's password, roles or enabled flag:
 * whatever keeps sign-ins for that person (the console's sessions) ends them.
 */
public record StaffAccessChanged(String username) {}
