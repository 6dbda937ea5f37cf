package dev.tocsin.loudspeaker;

import java.util.Set;

/** Fired (after commit) when plays were scheduled or withdrawn for these terminals: wakes their waiting polls. */
public record PlaysChanged(Set<Long> terminalIds) {}
