package dev.tocsin.cap;

import dev.tocsin.audit.AuditLog;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;

/**
 * Receives upstream CAP: parse (hardened), schema, signature and policy, expiry, duplicates,
 * references; then stores the document verbatim with its links and withdrawal proposals in
 * one transaction, and finally lets the rules draft broadcasts. See docs/CAP.md.
 */
@ApplicationScoped
public class CapIngestService {

    private final CapConfig config;
    private final CapTriggers triggers;
    private final CapStore store;
    private final Clock clock;
    private volatile CapSignatures signatures;

    CapIngestService(CapConfig config, CapTriggers triggers, CapStore store, Clock clock) {
        this.config = config;
        this.triggers = triggers;
        this.store = store;
        this.clock = clock;
    }

    public record Result(CapReceived received, boolean duplicate) {}

    /** A refusal as problem+json; {@code type} names the check that failed. */
    static ProblemException refused(int status, String kind, String detail) {
        return new ProblemException(new Problem(
                "urn:tocsin:cap:" + kind,
                "CAP document refused: " + kind,
                status,
                detail,
                "document",
                List.of(new Problem.FieldError("document", detail))));
    }

    public Result ingest(String actor, byte[] xml) {
        if (xml.length == 0) {
            throw refused(400, "not-xml", "the body is empty; send one CAP 1.2 alert as XML");
        }
        Document doc;
        try {
            doc = CapXml.parse(xml);
            CapXml.validate(doc, xml);
        } catch (CapXml.Refused e) {
            int status = "not-xml".equals(e.kind) || "doctype".equals(e.kind) ? 400 : 422;
            throw refused(status, e.kind, e.getMessage());
        }
        CapAlert alert = CapXml.read(doc);
        Instant sent;
        try {
            sent = CapTimes.parse(alert.sent());
        } catch (DateTimeParseException e) {
            throw refused(422, "schema", "sent '" + alert.sent() + "' is not a CAP dateTime");
        }
        String source = sourceName(alert.sender());
        String signature = signature(doc, alert, source);
        String key = key(alert.sender(), alert.identifier(), alert.sent());
        Optional<CapReceived> existing = CapStore.find(key);
        if (existing.isPresent()) {
            return new Result(existing.get(), true);
        }
        Instant now = clock.instant();
        Instant expires = latestExpiry(alert);
        if (expires != null && !expires.isAfter(now)) {
            throw refused(
                    422,
                    "expired",
                    "the alert expired at " + CapTimes.format(expires, java.time.ZoneOffset.UTC)
                            + "; expired alerts are not accepted");
        }
        Result r;
        try {
            r = store.storeWith(actor, alert, text(doc, xml), key, sent, expires, signature, source, now);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // The same alert stored concurrently: the unique key answers as a duplicate.
            Optional<CapReceived> again = CapStore.find(key);
            if (again.isPresent()) {
                return new Result(again.get(), true);
            }
            throw e;
        }
        triggers.draft(r.received().id, alert);
        return r;
    }

    private String signature(Document doc, CapAlert alert, String source) {
        try {
            Optional<String> signer = signatures().verify(doc);
            if (signer.isPresent()) {
                return shorten("verified: " + signer.get());
            }
        } catch (CapSignatures.Invalid e) {
            throw refused(422, "signature", "the XML signature does not verify: " + e.getMessage());
        }
        if (requiresSignature(source)) {
            throw refused(
                    422,
                    "unsigned",
                    "sender " + alert.sender() + " must sign its alerts (source '" + source
                            + "' requires an XML signature)");
        }
        return "unsigned";
    }

    /** The document as sent, decoded with the encoding the parser found. */
    private static String text(Document doc, byte[] xml) {
        String enc = doc.getInputEncoding();
        try {
            return new String(xml, enc == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(enc));
        } catch (IllegalArgumentException e) {
            return new String(xml, StandardCharsets.UTF_8);
        }
    }

    private static String shorten(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }

    private CapSignatures signatures() {
        CapSignatures s = signatures;
        if (s == null) {
            s = CapSignatures.fromDir(config.trustDir());
            signatures = s;
        }
        return s;
    }

    private String sourceName(String sender) {
        for (Map.Entry<String, CapConfig.Source> e : config.sources().entrySet()) {
            if (e.getValue().sender().equals(sender)) {
                return e.getKey();
            }
        }
        return "default";
    }

    private boolean requiresSignature(String source) {
        CapConfig.Source s = config.sources().get(source);
        return s != null ? s.requireSignature() : config.requireSignature();
    }

    /** The latest expires of all infos; null when none states one (then the alert never expires). */
    static Instant latestExpiry(CapAlert alert) {
        Instant latest = null;
        for (CapAlert.Info i : alert.infos()) {
            Instant e = CapTimes.parseOrNull(i.expires());
            if (e == null) {
                return null;
            }
            latest = latest == null || e.isAfter(latest) ? e : latest;
        }
        return latest;
    }

    static String key(String sender, String identifier, String sent) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((sender + "\n" + identifier + "\n" + sent).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Storage in one transaction: nothing of a refused document remains. */
    @ApplicationScoped
    public static class CapStore {

        private final CapTriggers triggers;
        private final AuditLog audit;

        CapStore(CapTriggers triggers, AuditLog audit) {
            this.triggers = triggers;
            this.audit = audit;
        }

        static Optional<CapReceived> find(String key) {
            return CapReceived.byKey(key);
        }

        @Transactional(Transactional.TxType.REQUIRES_NEW)
        Result storeWith(
                String actor,
                CapAlert alert,
                String xml,
                String key,
                Instant sent,
                Instant expires,
                String signature,
                String source,
                Instant now) {
            List<Long> referenced = new ArrayList<>();
            if (!"Alert".equals(alert.msgType())
                    && !"Ack".equals(alert.msgType())
                    && !"Error".equals(alert.msgType())) {
                List<CapAlert.Reference> refs;
                try {
                    refs = CapAlert.Reference.parse(alert.references());
                } catch (IllegalArgumentException e) {
                    throw refused(422, "references", e.getMessage());
                }
                if (refs.isEmpty()) {
                    throw refused(
                            422,
                            "references",
                            "an " + alert.msgType() + " must name the alerts it replaces in "
                                    + "references (sender,identifier,sent)");
                }
                List<String> unknown = new ArrayList<>();
                for (CapAlert.Reference r : refs) {
                    Optional<CapReceived> found = CapReceived.byKey(key(r.sender(), r.identifier(), r.sent()));
                    if (found.isEmpty()) {
                        found = CapReceived.<CapReceived>find(
                                        "sender = ?1 and identifier = ?2 order by sent desc",
                                        r.sender(),
                                        r.identifier())
                                .firstResultOptional();
                    }
                    if (found.isPresent()) {
                        referenced.add(found.get().id);
                    } else {
                        unknown.add(r.text());
                    }
                }
                if (referenced.isEmpty()) {
                    throw refused(
                            422,
                            "unknown-reference",
                            "none of the referenced alerts was received here: " + String.join(" ", unknown));
                }
            }
            CapReceived r = new CapReceived();
            r.dedupeKey = key;
            r.sender = cut(alert.sender(), 255);
            r.identifier = cut(alert.identifier(), 255);
            r.sentText = cut(alert.sent(), 40);
            r.sent = sent;
            r.status = alert.status();
            r.msgType = alert.msgType();
            CapAlert.Info first = alert.infos().isEmpty() ? null : alert.infos().get(0);
            r.event = first == null ? null : cut(first.event(), 255);
            r.headline = first == null ? null : cut(first.headline(), 500);
            r.severity = first == null ? null : first.severity();
            r.expires = expires;
            r.refersTo = alert.references();
            r.signature = signature;
            r.source = source;
            r.receivedAt = now;
            r.receivedBy = actor;
            r.xml = xml;
            r.persist();
            for (Long id : referenced) {
                CapReference link = new CapReference();
                link.receivedId = r.id;
                link.referencedId = id;
                link.persist();
            }
            if (!referenced.isEmpty()) {
                triggers.proposeWithdrawals(r, referenced);
            }
            audit.record(
                    actor,
                    "cap.receive",
                    "cap-received:" + r.id,
                    r.msgType + " " + r.identifier + " from " + r.sender + " (" + signature + ")");
            return new Result(r, false);
        }

        private static String cut(String s, int max) {
            return s == null || s.length() <= max ? s : s.substring(0, max);
        }
    }
}
