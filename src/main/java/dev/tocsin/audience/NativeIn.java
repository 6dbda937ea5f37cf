package dev.tocsin.audience;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;

/** Native queries ending in an IN list of bound values, for chunked lookups. */
final class NativeIn {

    private NativeIn() {}

    /** Runs {@code sqlPrefix + "(?, ?, ...)"} with one parameter per value; rows as arrays. */
    @SuppressWarnings("unchecked")
    static List<Object[]> rows(EntityManager em, String sqlPrefix, List<?> values) {
        StringBuilder s = new StringBuilder(sqlPrefix).append('(');
        for (int i = 0; i < values.size(); i++) {
            s.append(i == 0 ? "?" : ", ?");
        }
        Query q = em.createNativeQuery(s.append(')').toString());
        for (int i = 0; i < values.size(); i++) {
            q.setParameter(i + 1, values.get(i));
        }
        return q.getResultList();
    }
}
