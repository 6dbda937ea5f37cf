package dev.tocsin.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.GeneralSecurityException;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

/** bcrypt hashing and verification of staff passwords (Modular Crypt Format strings). */
final class Passwords {

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    static final int MIN_LENGTH = 10;
    /** Verified against when the user does not exist, so timing does not reveal that. */
    static final String DUMMY_HASH = BcryptUtil.bcryptHash("tocsin-no-such-user-placeholder");

    private Passwords() {}

    static String hash(String raw) {
        return BcryptUtil.bcryptHash(raw);
    }

    static boolean matches(String raw, String mcf) {
        try {
            Password stored = ModularCrypt.decode(mcf);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), PROVIDER);
            return factory.verify(factory.translate(stored), raw.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
