package dev.tocsin.sandbox;

import dev.tocsin.sms.SmsConfig;
import dev.tocsin.sms.TwilioAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may use the sandbox: it answers only while tocsin.sms.sandbox is on, and only to HTTP
 * Basic with the account SID and auth token, exactly like Twilio (staff logins do not work here).
 */
@ApplicationScoped
public class SandboxGate {

    private final SmsConfig sms;
    private final TwilioAccount account;

    SandboxGate(SmsConfig sms, TwilioAccount account) {
        this.sms = sms;
        this.account = account;
    }

    public boolean enabled() {
        return sms.sandbox();
    }

    /** Throws the response Twilio would give unless the request is the account's own. */
    void check(String authorization, String pathAccountSid) {
        if (!enabled()) {
            throw new WebApplicationException(Response.status(404).build());
        }
        String expected = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (account.accountSid() + ":" + account.authToken()).getBytes(StandardCharsets.UTF_8));
        boolean ok = authorization != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8),
                        authorization.trim().getBytes(StandardCharsets.UTF_8));
        if (!ok || (pathAccountSid != null && !pathAccountSid.equals(account.accountSid()))) {
            throw new WebApplicationException(Response.status(401)
                    .header("WWW-Authenticate", "Basic realm=\"Twilio API\"")
                    .type("application/json")
                    .entity(SandboxJson.error(20003, "Authenticate", 401))
                    .build());
        }
    }
}
