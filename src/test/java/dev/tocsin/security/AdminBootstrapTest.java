package dev.tocsin.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminBootstrapTest {

    @Inject
    StaffService staff;

    @Test
    void bootstrapRunsOnceAndNeverReplacesTheAdmin() {
        assertThat(staff.authenticate("admin", StaffSecurityTest.ADMIN_PASSWORD))
                .isPresent();
        assertThat(staff.createFirstAdmin("some-other-password")).isFalse();
        assertThat(staff.authenticate("admin", "some-other-password")).isEmpty();
        assertThat(staff.authenticate("admin", StaffSecurityTest.ADMIN_PASSWORD))
                .isPresent();
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        String a = AdminBootstrap.randomPassword();
        String b = AdminBootstrap.randomPassword();
        assertThat(a).hasSize(20).matches("[A-Za-z2-9]+");
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void passwordsAreStoredAsBcrypt() {
        String hash = Passwords.hash("correct-horse-1");
        assertThat(hash).startsWith("$2a$");
        assertThat(Passwords.matches("correct-horse-1", hash)).isTrue();
        assertThat(Passwords.matches("correct-horse-2", hash)).isFalse();
        assertThat(Passwords.matches("x", "not-a-hash")).isFalse();
    }
}
