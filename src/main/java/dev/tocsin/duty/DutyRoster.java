package dev.tocsin.duty;

import dev.tocsin.alert.Languages;
import dev.tocsin.audience.Area;
import dev.tocsin.audience.PhoneNumbers;
import dev.tocsin.audit.AuditLog;
import dev.tocsin.duty.DutyPersonViews.AreaRef;
import dev.tocsin.duty.DutyPersonViews.Page;
import dev.tocsin.duty.DutyPersonViews.PersonInput;
import dev.tocsin.duty.DutyPersonViews.PersonView;
import dev.tocsin.platform.problem.Problem;
import dev.tocsin.platform.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The 叫应 roster, one post at a time; every change audited. Bulk import: {@link DutyImporter}. */
@ApplicationScoped
@Transactional
public class DutyRoster {

    static final int MAX_NAME = 100;
    static final int MAX_PAGE_SIZE = 200;

    private final Clock clock;
    private final AuditLog audit;
    private final PhoneNumbers phones;
    private final Languages languages;

    DutyRoster(Clock clock, AuditLog audit, PhoneNumbers phones, Languages languages) {
        this.clock = clock;
        this.audit = audit;
        this.phones = phones;
        this.languages = languages;
    }

    /** A checked input: every value typed and known to exist. */
    record Checked(
            String name,
            String mobile,
            Area area,
            DutyRole role,
            DutyRank rank,
            Long superiorId,
            String language,
            DutyRota rota) {}

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page list(String areaCode, int page, int size) {
        List<DutyPerson> found;
        long total;
        if (areaCode != null && !areaCode.isBlank()) {
            Area area = Area.findByCode(areaCode.strip())
                    .orElseThrow(() -> ProblemException.badRequest("area", "no area with code '" + areaCode + "'"));
            var q = DutyPerson.<DutyPerson>find(
                    "areaId in (select a.id from Area a where a.path like ?1)", Sort.by("id"), area.path + "%");
            total = q.count();
            found = q.page(page, size).list();
        } else {
            var q = DutyPerson.<DutyPerson>findAll(Sort.by("id"));
            total = q.count();
            found = q.page(page, size).list();
        }
        return new Page(found.stream().map(this::view).toList(), page, size, total);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public PersonView get(long id) {
        return view(find(id));
    }

    public PersonView create(String actor, PersonInput in) {
        Checked c = check(in, null);
        DutyPerson p = new DutyPerson();
        p.createdAt = clock.instant();
        apply(p, c);
        p.persist();
        audit.record(actor, "duty.person.create", "duty-person:" + p.id, summary(p));
        return view(p);
    }

    public PersonView update(String actor, long id, PersonInput in) {
        DutyPerson p = find(id);
        Checked c = check(in, p.id);
        apply(p, c);
        audit.record(actor, "duty.person.update", "duty-person:" + p.id, summary(p));
        return view(p);
    }

    public void delete(String actor, long id) {
        DutyPerson p = find(id);
        if (DutyEntry.count("personId = ?1 or backupId = ?1 or superiorId = ?1 or answeredBy = ?1", id) > 0) {
            throw ProblemException.conflict(
                    "id", "this person is in the record of a 叫应 and stays on the roster; change the post instead");
        }
        long subordinates = DutyPerson.count("superiorId", id);
        if (subordinates > 0) {
            throw ProblemException.conflict(
                    "id",
                    "this person is the superior of " + subordinates + " others; give them another superior first");
        }
        p.delete();
        audit.record(actor, "duty.person.delete", "duty-person:" + id, summary(p));
    }

    /**
     * Reads and checks an input, all fields at once; {@code self} is the person being changed. A
     * refusal leaves the caller's transaction alone (the import goes on with the next row).
     */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = ProblemException.class)
    Checked check(PersonInput in, Long self) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (in == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        String name = in.name() == null ? "" : in.name().strip();
        if (name.isEmpty()) {
            errors.add(new Problem.FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new Problem.FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
        PhoneNumbers.Result mobile = phones.normalise(in.mobile());
        if (!mobile.ok()) {
            errors.add(new Problem.FieldError("mobile", mobile.error()));
        }
        Area area = null;
        if (in.area() == null || in.area().isBlank()) {
            errors.add(new Problem.FieldError("area", "is required: an area code"));
        } else {
            area = Area.findByCode(in.area().strip()).orElse(null);
            if (area == null) {
                errors.add(new Problem.FieldError(
                        "area", "no area with code '" + in.area().strip() + "'"));
            }
        }
        DutyRole role = null;
        if (in.role() == null || in.role().isBlank()) {
            errors.add(new Problem.FieldError(
                    "role", "is required: township-head, village-head, grid-worker or duty-officer"));
        } else {
            try {
                role = DutyRole.of(in.role());
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("role", e.getMessage()));
            }
        }
        DutyRank rank = null;
        try {
            rank = DutyRank.of(in.rank());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("rank", e.getMessage()));
        }
        String language = language(in.language(), errors);
        DutyRota rota = null;
        try {
            rota = DutyRota.parse(in.rota());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("rota", e.getMessage()));
        }
        if (in.superiorId() != null) {
            superiorProblem(in.superiorId(), self).ifPresent(m -> errors.add(new Problem.FieldError("superiorId", m)));
        }
        if (errors.isEmpty()) {
            Optional<DutyPerson> same = DutyPerson.findPost(mobile.e164(), area.id, role);
            if (same.isPresent() && !same.get().id.equals(self)) {
                throw ProblemException.conflict(
                        "mobile",
                        "this mobile already holds the post " + role.id() + " in " + area.code + " (person "
                                + same.get().id + ")");
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Checked(name, mobile.e164(), area, role, rank, in.superiorId(), language, rota);
    }

    /**
     * The id of the person holding {@code rawMobile} (a spreadsheet or form names a superior by
     * mobile); blank is none.
     *
     * @throws ProblemException naming the field {@code superior}
     */
    @Transactional(value = Transactional.TxType.SUPPORTS, dontRollbackOn = ProblemException.class)
    public Long superiorByMobile(String rawMobile) {
        if (rawMobile == null || rawMobile.isBlank()) {
            return null;
        }
        PhoneNumbers.Result s = phones.normalise(rawMobile);
        if (!s.ok()) {
            throw ProblemException.badRequest("superior", s.error());
        }
        return DutyPerson.byMobile(s.e164()).stream()
                .findFirst()
                .map(p -> p.id)
                .orElseThrow(() -> ProblemException.badRequest(
                        "superior", "no person with mobile " + s.e164() + " on the roster"));
    }

    /** zh-CN or en (the languages 叫应 texts are written in); blank gives the configured default. */
    private String language(String raw, List<Problem.FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            return Languages.WRITTEN.contains(languages.fallback()) ? languages.fallback() : Languages.WRITTEN.get(0);
        }
        Optional<String> found = languages.find(raw).filter(Languages.WRITTEN::contains);
        if (found.isEmpty()) {
            errors.add(new Problem.FieldError(
                    "language", "'" + raw.strip() + "' is not one of " + String.join(", ", Languages.WRITTEN)));
            return null;
        }
        return found.get();
    }

    /** Why {@code superiorId} cannot be the superior of {@code self}: missing, itself, or a loop. */
    private static Optional<String> superiorProblem(long superiorId, Long self) {
        Set<Long> seen = new HashSet<>();
        Long at = superiorId;
        while (at != null) {
            if (at.equals(self)) {
                return Optional.of(
                        superiorId == self
                                ? "a person cannot be their own superior"
                                : "would make a loop of superiors");
            }
            if (!seen.add(at)) {
                return Optional.empty(); // an existing loop above is not this change's doing
            }
            DutyPerson s = DutyPerson.findById(at);
            if (s == null) {
                return at == superiorId ? Optional.of("no person with id " + superiorId) : Optional.empty();
            }
            at = s.superiorId;
        }
        return Optional.empty();
    }

    void apply(DutyPerson p, Checked c) {
        p.name = c.name();
        p.mobile = c.mobile();
        p.areaId = c.area().id;
        p.role = c.role();
        p.rank = c.rank();
        p.superiorId = c.superiorId();
        p.language = c.language();
        p.rota = c.rota();
        p.updatedAt = clock.instant();
    }

    private static DutyPerson find(long id) {
        DutyPerson p = DutyPerson.findById(id);
        if (p == null) {
            throw ProblemException.notFound("no responsible person with id " + id);
        }
        return p;
    }

    static String summary(DutyPerson p) {
        return p.role.id() + " " + p.rank.id() + " in area " + p.areaId + ", " + PhoneNumbers.mask(p.mobile)
                + (p.rota == null ? "" : ", on duty " + p.rota.text());
    }

    PersonView view(DutyPerson p) {
        return views(List.of(p)).get(0);
    }

    /** Views with their areas read once per area. */
    List<PersonView> views(List<DutyPerson> persons) {
        Map<Long, AreaRef> areas = new HashMap<>();
        List<PersonView> out = new ArrayList<>(persons.size());
        for (DutyPerson p : persons) {
            AreaRef a = areas.computeIfAbsent(p.areaId, id -> {
                Area area = Area.findById(id);
                return new AreaRef(area.code, area.name);
            });
            out.add(new PersonView(
                    p.id,
                    p.name,
                    p.mobile,
                    a,
                    p.role,
                    p.rank,
                    p.superiorId,
                    p.language,
                    p.rota == null ? null : p.rota.text(),
                    p.createdAt,
                    p.updatedAt));
        }
        return out;
    }

    Instant now() {
        return clock.instant();
    }
}
