package dev.tocsin.audience;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The built-in users of areas: residents (by their area links) and loudspeaker terminals. */
final class AreaUsages {

    private AreaUsages() {
    }

    static long count(EntityManager em, String sql, String pathPrefix) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, pathPrefix + "%").getSingleResult()).longValue();
    }

    @ApplicationScoped
    static class Residents implements AreaUsage {
        private final EntityManager em;

        Residents(EntityManager em) {
            this.em = em;
        }

        @Override
        public String what() {
            return "residents";
        }

        @Override
        public long countUnder(String pathPrefix) {
            return count(em, "select count(distinct ra.resident_id) from resident_area ra"
                    + " join area a on a.id = ra.area_id where a.path like ?1", pathPrefix);
        }
    }

    @ApplicationScoped
    static class Terminals implements AreaUsage {
        private final EntityManager em;

        Terminals(EntityManager em) {
            this.em = em;
        }

        @Override
        public String what() {
            return "terminals";
        }

        @Override
        public long countUnder(String pathPrefix) {
            return count(em, "select count(*) from terminal t join area a on a.id = t.area_id where a.path like ?1",
                    pathPrefix);
        }
    }
}
