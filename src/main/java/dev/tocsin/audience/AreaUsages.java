package dev.tocsin.audience;

import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;

/** The built-in users of areas: residents (by their area links) and loudspeaker terminals. */
abstract class AreaUsages implements AreaUsage {

    private final EntityManager em;
    private final String what;
    /** A count query with one parameter: the path prefix pattern. */
    private final String sql;

    AreaUsages(EntityManager em, String what, String sql) {
        this.em = em;
        this.what = what;
        this.sql = sql;
    }

    @Override
    public String what() {
        return what;
    }

    @Override
    public long countUnder(String pathPrefix) {
        return ((Number) em.createNativeQuery(sql)
                        .setParameter(1, pathPrefix + "%")
                        .getSingleResult())
                .longValue();
    }

    @Singleton
    static class Residents extends AreaUsages {
        Residents(EntityManager em) {
            super(
                    em,
                    "residents",
                    "select count(distinct ra.resident_id) from resident_area ra"
                            + " join area a on a.id = ra.area_id where a.path like ?1");
        }
    }

    @Singleton
    static class Terminals extends AreaUsages {
        Terminals(EntityManager em) {
            super(
                    em,
                    "terminals",
                    "select count(*) from terminal t join area a on a.id = t.area_id where a.path like ?1");
        }
    }
}
