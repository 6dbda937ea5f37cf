package dev.tocsin.compose.dialect;

/**
 * One lexicon substitution: {@code from} at {@code position} of the script before rewriting
 * became {@code to} at {@code outputPosition} of the rewritten script (UTF-16 indexes, as
 * JavaScript strings count them, so the console can mark both texts).
 */
public record Rewrite(int position, int outputPosition, String from, String to) {}
