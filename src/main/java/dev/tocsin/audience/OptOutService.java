package dev.tocsin.audience;

import dev.tocsin.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;

/**
 * The one place consent changes. An opt-out is kept on the suppression list by phone number,
 * and mirrored on the resident row when there is one; an opt-in removes it.
 */
@ApplicationScoped
@Transactional
public class OptOutService {

    private final Clock clock;
    private final AuditLog audit;

    OptOutService(Clock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    /** Opts the number out; returns false if it already was. {@code channel} says how. */
    public boolean optOut(String e164, String channel, String actor) {
        Instant now = clock.instant();
        Resident.findByPhone(e164).ifPresent(r -> {
            r.consent = Consent.OPTED_OUT;
            r.consentAt = now;
            r.consentChannel = channel;
            r.updatedAt = now;
        });
        if (Suppression.findById(e164) != null) {
            return false;
        }
        Suppression s = new Suppression();
        s.phone = e164;
        s.reason = channel;
        s.createdAt = now;
        s.persist();
        audit.record(actor, "consent.opt-out", "phone:" + e164, "channel=" + channel);
        return true;
    }

    /** Opts the number back in; returns false if it was not opted out. */
    public boolean optIn(String e164, String channel, String actor) {
        Instant now = clock.instant();
        Resident.findByPhone(e164).ifPresent(r -> {
            r.consent = Consent.SUBSCRIBED;
            r.consentAt = now;
            r.consentChannel = channel;
            r.updatedAt = now;
        });
        boolean removed = Suppression.deleteById(e164);
        if (removed) {
            audit.record(actor, "consent.opt-in", "phone:" + e164, "channel=" + channel);
        }
        return removed;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isSuppressed(String e164) {
        return Suppression.findById(e164) != null;
    }
}
