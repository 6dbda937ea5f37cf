package dev.tocsin.audience;

/**
 * Something that refers to areas and so keeps an area from being moved or deleted. Features
 * that point at areas (residents, terminals, broadcasts) provide a bean; the area service asks
 * all of them before it changes the tree.
 */
public interface AreaUsage {

    /** Plural noun for the refusal message and the area detail: "residents", "terminals". */
    String what();

    /** How many of them are in the areas whose path starts with {@code pathPrefix}. */
    long countUnder(String pathPrefix);

    /** What to name in a refusal (e.g. "#12"), at most a few; empty when the count says enough. */
    default java.util.List<String> namesUnder(String pathPrefix) {
        return java.util.List.of();
    }
}
