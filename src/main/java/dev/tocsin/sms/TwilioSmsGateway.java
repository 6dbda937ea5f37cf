package dev.tocsin.sms;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * SMS through the official Twilio SDK with one shared {@link TwilioRestClient} (never the static
 * global), built on first use because the sandbox's port is only known once the server is up.
 */
@ApplicationScoped
public class TwilioSmsGateway implements SmsGateway {

    private static final Logger LOG = Logger.getLogger(TwilioSmsGateway.class);
    private static final int RECONCILE_LIMIT = 200;

    private final TwilioAccount account;
    private final SmsConfig config;
    private final Clock clock;
    private volatile TwilioRestClient client;
    private TwilioHttpClient http;

    TwilioSmsGateway(TwilioAccount account, SmsConfig config, Clock clock) {
        this.account = account;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public SendResult send(OutboundSms sms) {
        MessageCreator creator = account.messagingServiceSid()
                .map(ms -> Message.creator(new PhoneNumber(sms.to()), ms, sms.body()))
                .orElseGet(() -> Message.creator(
                        new PhoneNumber(sms.to()),
                        new PhoneNumber(account.fromNumber().orElseThrow()),
                        sms.body()));
        creator.setStatusCallback(account.callbackUrl(TwilioAccount.STATUS_PATH));
        if (sms.validity() != null) {
            long seconds = Math.max(1, Math.min(36_000, sms.validity().toSeconds()));
            creator.setValidityPeriod((int) seconds);
        }
        try {
            Message m = creator.create(client());
            return new Accepted(m.getSid(), parseSegments(m.getNumSegments()));
        } catch (ApiException e) {
            return TwilioErrors.classify(e, TwilioHttpClient.lastRetryAfter());
        } catch (ApiConnectionException e) {
            return TwilioErrors.classify(e);
        }
    }

    @Override
    public List<ProviderMessage> sentTo(String to, Instant since) {
        Map<String, ProviderMessage> found = new LinkedHashMap<>();
        // Messages already handed to a carrier have date_sent; one still queued at the provider
        // may not, so the newest page for the number is read as well.
        ResourceSet<Message> window = Message.reader()
                .setTo(new PhoneNumber(to))
                .setDateSentAfter(since.atZone(ZoneOffset.UTC))
                .setPageSize(50L)
                .read(client());
        window.setLimit(RECONCILE_LIMIT);
        collect(window, since, found);
        ResourceSet<Message> newest =
                Message.reader().setTo(new PhoneNumber(to)).setPageSize(50L).read(client());
        newest.setAutoPaging(false);
        collect(newest, since, found);
        return new ArrayList<>(found.values());
    }

    private static void collect(ResourceSet<Message> messages, Instant since, Map<String, ProviderMessage> into) {
        for (Message m : messages) {
            Instant created =
                    m.getDateCreated() == null ? null : m.getDateCreated().toInstant();
            if (created == null || !created.isBefore(since)) {
                into.putIfAbsent(m.getSid(), new ProviderMessage(m.getSid(), m.getTo(), m.getBody(), created));
            }
        }
    }

    private TwilioRestClient client() {
        TwilioRestClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    http = new TwilioHttpClient(
                            account.apiBase(),
                            Math.max(config.outbox().workers(), config.outbox().maxInFlight()) + 4,
                            config.http().connectTimeout(),
                            config.http().readTimeout());
                    client = new TwilioRestClient.Builder(account.accountSid(), account.authToken())
                            .httpClient(http)
                            .build();
                    LOG.infof(
                            "Twilio client ready: API %s, account %s",
                            account.apiBase().map(Object::toString).orElse("https://api.twilio.com"),
                            account.accountSid());
                }
                c = client;
            }
        }
        return c;
    }

    private static int parseSegments(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    synchronized void onStop(@Observes ShutdownEvent event) throws IOException {
        if (http != null) {
            http.close();
        }
    }
}
