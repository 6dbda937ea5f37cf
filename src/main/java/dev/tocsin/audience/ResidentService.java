package dev.tocsin.audience;

import dev.tocsin.alert.Languages;
import dev.tocsin.audience.ResidentViews.Page;
import dev.tocsin.audience.ResidentViews.ResidentInput;
import dev.tocsin.audience.ResidentViews.ResidentView;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Residents one at a time: create, change, delete, search. Consent changes go through {@link OptOutService}. */
@ApplicationScoped
@Transactional
public class ResidentService {

    public static final int MAX_PAGE_SIZE = 200;

    private final Clock clock;
    private final AuditLog audit;
    private final PhoneNumbers phones;
    private final Languages languages;
    private final OptOutService optOut;

    ResidentService(Clock clock, AuditLog audit, PhoneNumbers phones, Languages languages, OptOutService optOut) {
        this.clock = clock;
        this.audit = audit;
        this.phones = phones;
        this.languages = languages;
        this.optOut = optOut;
    }

    /** Search filters; each optional. {@code phone} matches any run of digits, {@code name} a substring. */
    public record Search(String phone, String name, String areaCode, String tag) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ResidentView> search(Search s, int page, int size, boolean personalData) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (s.phone() != null && !s.phone().isBlank()) {
            String digits = s.phone().replaceAll("\\D", "");
            if (digits.isEmpty()) {
                throw ProblemException.badRequest("phone", "give some digits of the phone number");
            }
            q.append(" and phone like :phone");
            params.put("phone", "%" + digits + "%");
        }
        if (s.name() != null && !s.name().isBlank()) {
            q.append(" and lower(name) like :name escape '!'");
            params.put("name", "%" + likeEscape(s.name().strip().toLowerCase(Locale.ROOT)) + "%");
        }
        if (s.areaCode() != null && !s.areaCode().isBlank()) {
            Area area = Area.findByCode(s.areaCode())
                    .orElseThrow(() -> ProblemException.badRequest("area", "no area with code '" + s.areaCode() + "'"));
            q.append(" and id in (select r2.id from Resident r2 join r2.areaIds aid"
                    + " where aid in (select a.id from Area a where a.path like :path))");
            params.put("path", area.path + "%");
        }
        if (s.tag() != null && !s.tag().isBlank()) {
            q.append(" and :tag member of tags");
            params.put("tag", Tags.normalise(s.tag()));
        }
        PanacheQuery<Resident> query = Resident.find(q.toString(), Sort.by("id"), params);
        long total = query.count();
        List<Resident> found = query.page(page, size).list();
        return new Page<>(views(found, personalData), page, size, total);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ResidentView get(long id, boolean personalData) {
        return views(List.of(require(id)), personalData).get(0);
    }

    public ResidentView create(String actor, ResidentInput in) {
        String phone = phone(in.phone());
        if (Resident.findByPhone(phone).isPresent()) {
            throw ProblemException.conflict("phone", "a resident with phone " + phone + " already exists");
        }
        Instant now = clock.instant();
        Resident r = new Resident();
        r.phone = phone;
        apply(r, in);
        boolean suppressed = optOut.isSuppressed(phone);
        r.consent = suppressed ? Consent.OPTED_OUT : Consent.SUBSCRIBED;
        r.consentAt = now;
        r.consentChannel = "console";
        r.createdAt = now;
        r.updatedAt = now;
        r.persist();
        audit.record(actor, "resident.create", "resident:" + r.id, suppressed ? "number is on the opt-out list" : null);
        return views(List.of(r), true).get(0);
    }

    public ResidentView update(String actor, long id, ResidentInput in) {
        Resident r = require(id);
        String phone = phone(in.phone());
        if (!phone.equals(r.phone)) {
            if (Resident.findByPhone(phone).isPresent()) {
                throw ProblemException.conflict("phone", "a resident with phone " + phone + " already exists");
            }
            r.phone = phone;
            // The opt-out list is by number: a new number takes that number's state.
            r.consent = optOut.isSuppressed(phone) ? Consent.OPTED_OUT : Consent.SUBSCRIBED;
            r.consentAt = clock.instant();
            r.consentChannel = "console";
        }
        apply(r, in);
        r.updatedAt = clock.instant();
        audit.record(actor, "resident.update", "resident:" + id, null);
        return views(List.of(r), true).get(0);
    }

    public void delete(String actor, long id) {
        Resident r = require(id);
        r.delete();
        audit.record(actor, "resident.delete", "resident:" + id, null);
    }

    /** Staff opt-out or opt-in of the resident's number; channel "console". */
    public ResidentView setConsent(String actor, long id, Consent consent) {
        Resident r = require(id);
        if (consent == Consent.OPTED_OUT) {
            optOut.optOut(r.phone, "console", actor);
        } else {
            optOut.optIn(r.phone, "console", actor);
        }
        return views(List.of(r), true).get(0);
    }

    /** Staff mark (or unmark) the resident as preferring a voice call for urgent broadcasts. */
    public ResidentView setPrefersCall(String actor, long id, boolean prefersCall) {
        Resident r = require(id);
        if (r.prefersCall != prefersCall) {
            r.prefersCall = prefersCall;
            r.updatedAt = clock.instant();
            audit.record(actor, "resident.update", "resident:" + id, "prefers_call=" + prefersCall);
        }
        return views(List.of(r), true).get(0);
    }

    private void apply(Resident r, ResidentInput in) {
        r.name = in.name() == null || in.name().isBlank() ? null : in.name().strip();
        r.language = languages.require(in.language(), "language");
        Set<Long> areaIds = new LinkedHashSet<>();
        for (String code : in.areas()) {
            areaIds.add(Area.findByCode(code.strip())
                    .orElseThrow(() -> ProblemException.badRequest("areas", "no area with code '" + code + "'"))
                    .id);
        }
        r.areaIds.clear();
        r.areaIds.addAll(areaIds);
        try {
            Set<String> tags = Tags.normaliseAll(in.tags());
            r.tags.clear();
            r.tags.addAll(tags);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("tags", e.getMessage());
        }
        if (in.testRecipient() != null) {
            r.testRecipient = in.testRecipient();
        }
        if (in.prefersCall() != null) {
            r.prefersCall = in.prefersCall();
        }
    }

    private String phone(String raw) {
        PhoneNumbers.Result p = phones.normalise(raw);
        if (!p.ok()) {
            throw ProblemException.badRequest("phone", p.error());
        }
        return p.e164();
    }

    private static Resident require(long id) {
        Resident r = Resident.findById(id);
        if (r == null) {
            throw ProblemException.notFound("No resident with id " + id);
        }
        return r;
    }

    private static List<ResidentView> views(List<Resident> residents, boolean personalData) {
        Set<Long> areaIds = new LinkedHashSet<>();
        residents.forEach(r -> areaIds.addAll(r.areaIds));
        Map<Long, String> codes = new HashMap<>();
        if (!areaIds.isEmpty()) {
            Area.<Area>list("id in ?1", areaIds).forEach(a -> codes.put(a.id, a.code));
        }
        List<ResidentView> out = new ArrayList<>(residents.size());
        for (Resident r : residents) {
            out.add(new ResidentView(
                    r.id,
                    personalData ? r.name : maskName(r.name),
                    personalData ? r.phone : PhoneNumbers.mask(r.phone),
                    !personalData,
                    r.language,
                    r.areaIds.stream().map(codes::get).sorted().toList(),
                    r.consent,
                    r.consentAt,
                    r.consentChannel,
                    r.tags.stream().sorted().toList(),
                    r.testRecipient,
                    r.prefersCall,
                    r.createdAt,
                    r.updatedAt));
        }
        return out;
    }

    static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    private static String likeEscape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
