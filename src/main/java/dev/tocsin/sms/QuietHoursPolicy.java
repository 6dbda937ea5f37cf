package dev.tocsin.sms;

import dev.tocsin.alert.Channel;
import dev.tocsin.platform.TocsinConfig;
import dev.tocsin.schedule.QuietHours;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Quiet hours at the moment of sending, for every provider: a routine SMS inside the SMS window
 * ({@code tocsin.schedule.sms-quiet.*}, the same policy that places occurrences) is not handed
 * over and goes back to the queue until the window ends; urgent ones always go.
 */
@Decorator
@Priority(10)
public abstract class QuietHoursPolicy implements SmsGateway {

    @Inject
    @Delegate
    SmsGateway provider;

    @Inject
    QuietHours quietHours;

    @Inject
    TocsinConfig tocsin;

    @Inject
    Clock clock;

    @Override
    public SendResult send(OutboundSms sms) {
        if (sms.priority() == dev.tocsin.alert.Urgency.ROUTINE) {
            Optional<Instant> until = quietHours.blockedUntil(Channel.SMS, clock.instant(), tocsin.zone());
            if (until.isPresent()) {
                return new Refused(
                        FailureKind.QUIET_HOURS,
                        null,
                        null,
                        "routine SMS held for quiet hours until " + until.get(),
                        null,
                        until.get());
            }
        }
        return provider.send(sms);
    }
}
