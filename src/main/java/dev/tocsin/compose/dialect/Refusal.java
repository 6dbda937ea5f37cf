package dev.tocsin.compose.dialect;

/**
 * A lexicon rule that matched but was not applied: {@code from} at {@code position} of the
 * script before rewriting stays as written, because {@code reason} (the rule's context does not
 * hold, or the rewrite would change a negation, a number, a place name, a protected term or the
 * key instruction). Listed beside the rewrites so the approver sees both.
 */
public record Refusal(int position, String from, String to, String reason) {}
