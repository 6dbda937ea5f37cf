package dev.tocsin.duty;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import dev.tocsin.sms.SmsConfig;
import dev.tocsin.sms.TwilioAccount;
import dev.tocsin.sms.TwilioHttpClient;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * Places calls through the official Twilio SDK (Programmable Voice), with its own client on the
 * same transport as SMS: Twilio, or the sandbox while it is on. POSTs are never retried by the
 * transport, so one request is at most one call.
 */
@ApplicationScoped
public class DutyVoiceClient {

    static final String GATHER_PATH = "/api/twilio/voice/gather";
    static final String STATUS_PATH = "/api/twilio/voice/status";

    private final TwilioAccount account;
    private final SmsConfig sms;
    private volatile TwilioRestClient client;
    private TwilioHttpClient http;

    DutyVoiceClient(TwilioAccount account, SmsConfig sms) {
        this.account = account;
        this.sms = sms;
    }

    /**
     * Places a call whose final status goes to {@code statusUrl} (residents' calls use this too);
     * returns its SID. Throws the SDK's ApiException or ApiConnectionException.
     */
    public String place(String to, String twiml, String statusUrl) {
        String from = account.fromNumber()
                .orElseThrow(() -> new IllegalStateException("no twilio.from-number for voice calls"));
        Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(from), new Twiml(twiml))
                .setStatusCallback(URI.create(statusUrl))
                .setStatusCallbackMethod(HttpMethod.POST)
                .setStatusCallbackEvent(List.of("completed"))
                .create(client());
        return call.getSid();
    }

    /** The public URL of one of this service's callback paths, as Twilio must call it (signatures cover it). */
    public String callbackUrl(String path) {
        return account.callbackUrl(path);
    }

    String gatherUrl(long rowId) {
        return account.callbackUrl(GATHER_PATH) + "?c=" + rowId;
    }

    String statusUrl(long rowId) {
        return account.callbackUrl(STATUS_PATH) + "?c=" + rowId;
    }

    private TwilioRestClient client() {
        TwilioRestClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    http = new TwilioHttpClient(
                            account.apiBase(),
                            4,
                            sms.http().connectTimeout(),
                            sms.http().readTimeout());
                    client = new TwilioRestClient.Builder(account.accountSid(), account.authToken())
                            .httpClient(http)
                            .build();
                }
                c = client;
            }
        }
        return c;
    }

    synchronized void onStop(@Observes ShutdownEvent event) throws IOException {
        if (http != null) {
            http.close();
        }
    }
}
