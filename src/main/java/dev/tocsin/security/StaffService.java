package dev.tocsin.security;

import dev.tocsin.audit.AuditLog;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Staff accounts: creation, changes, and password checks for sign-in. */
@ApplicationScoped
@Transactional
public class StaffService {

    private final Clock clock;
    private final AuditLog audit;
    private final Event<StaffAccessChanged> accessChanged;
    /**
     * bcrypt costs tens of milliseconds on purpose; API clients using HTTP Basic sign in on every
     * request. A digest of a password already verified against the current stored hash is
     * remembered, so a changed password or a disabled account takes effect at once.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(String storedHash, String digest) {}

    public record Account(String username, String displayName, Set<Role> roles, boolean enabled) {
        static Account of(StaffUser u) {
            return new Account(u.username, u.displayName, u.roleSet(), u.enabled);
        }
    }

    StaffService(Clock clock, AuditLog audit, Event<StaffAccessChanged> accessChanged) {
        this.clock = clock;
        this.audit = audit;
        this.accessChanged = accessChanged;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Account> list() {
        return StaffUser.<StaffUser>listAll().stream()
                .sorted((a, b) -> a.username.compareTo(b.username))
                .map(Account::of)
                .toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Account> find(String username) {
        return StaffUser.findByUsername(username).map(Account::of);
    }

    public Account create(String actor, String username, String password, Set<Role> roles, String displayName) {
        checkPassword(password);
        if (roles == null || roles.isEmpty()) {
            throw ProblemException.badRequest("roles", "at least one role is required");
        }
        requireNoNull(roles);
        if (StaffUser.findByUsername(username).isPresent()) {
            throw ProblemException.conflict("username", "a user named '" + username + "' already exists");
        }
        StaffUser u = new StaffUser();
        u.username = username;
        u.passwordHash = Passwords.hash(password);
        u.roles = Role.format(roles);
        u.displayName = displayName;
        u.enabled = true;
        u.createdAt = clock.instant();
        u.updatedAt = u.createdAt;
        u.persist();
        audit.record(actor, "user.create", "user:" + username, "roles=" + u.roles);
        return Account.of(u);
    }

    public Account update(
            String actor, String username, Set<Role> roles, Boolean enabled, String displayName, String password) {
        StaffUser u = StaffUser.findByUsername(username)
                .orElseThrow(() -> ProblemException.notFound("No user named '" + username + "'"));
        StringBuilder changes = new StringBuilder();
        boolean accessChange = false;
        if (roles != null) {
            if (roles.isEmpty()) {
                throw ProblemException.badRequest("roles", "at least one role is required");
            }
            requireNoNull(roles);
            if (u.roleSet().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
                requireAnotherAdmin(u);
            }
            accessChange = !roles.equals(u.roleSet());
            u.roles = Role.format(roles);
            changes.append("roles=").append(u.roles).append(' ');
        }
        if (enabled != null && enabled != u.enabled) {
            if (!enabled && u.roleSet().contains(Role.ADMIN)) {
                requireAnotherAdmin(u);
            }
            u.enabled = enabled;
            accessChange = true;
            changes.append("enabled=").append(enabled).append(' ');
        }
        if (displayName != null) {
            u.displayName = displayName;
            changes.append("displayName ");
        }
        if (password != null) {
            checkPassword(password);
            u.passwordHash = Passwords.hash(password);
            accessChange = true;
            changes.append("password ");
        }
        u.updatedAt = clock.instant();
        verified.remove(username);
        audit.record(
                actor, "user.update", "user:" + username, changes.toString().trim());
        if (accessChange) {
            accessChanged.fire(new StaffAccessChanged(username));
        }
        return Account.of(u);
    }

    /** Checks a sign-in. Unknown, disabled and wrong-password users all look the same. */
    public Optional<Account> authenticate(String username, String password) {
        Optional<StaffUser> found = StaffUser.findByUsername(username);
        if (found.isEmpty()) {
            Passwords.matches(password, Passwords.DUMMY_HASH);
            return Optional.empty();
        }
        StaffUser u = found.get();
        String digest = digest(username, password);
        Verified seen = verified.get(username);
        boolean ok = seen != null
                && seen.storedHash.equals(u.passwordHash)
                && MessageDigest.isEqual(seen.digest.getBytes(), digest.getBytes());
        if (!ok) {
            ok = Passwords.matches(password, u.passwordHash);
            if (ok) {
                verified.put(username, new Verified(u.passwordHash, digest));
            }
        }
        return ok && u.enabled ? Optional.of(Account.of(u)) : Optional.empty();
    }

    /** Creates the first admin when there are no users at all; returns false otherwise. */
    public boolean createFirstAdmin(String password) {
        if (StaffUser.count() > 0) {
            return false;
        }
        create("system", "admin", password, Set.of(Role.ADMIN), "Administrator");
        return true;
    }

    private void requireAnotherAdmin(StaffUser u) {
        long otherAdmins = StaffUser.<StaffUser>stream("enabled = true and id <> ?1", u.id)
                .filter(o -> o.roleSet().contains(Role.ADMIN))
                .count();
        if (otherAdmins == 0) {
            throw ProblemException.conflict("roles", "this is the last enabled admin; create another admin first");
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < Passwords.MIN_LENGTH) {
            throw ProblemException.badRequest("password", "must be at least " + Passwords.MIN_LENGTH + " characters");
        }
    }

    private static String digest(String username, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(username.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            return java.util.HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireNoNull(Set<Role> roles) {
        if (roles.stream().anyMatch(java.util.Objects::isNull)) {
            throw ProblemException.badRequest(
                    "roles", "must list role names (admin, operator, approver); null is not a role");
        }
    }
}
