package dev.tocsin.sms;

import java.util.List;

/**
 * The dispatch references ({@link SmsDispatch#externalRef}) a higher feature made for one of its
 * own things, e.g. the occurrences of a broadcast; implemented by that feature, so that SMS
 * deliveries can be filtered by it without the SMS feature knowing it.
 */
public interface DispatchRefs {

    /** The references of every occurrence of broadcast {@code broadcastId}; empty when none. */
    List<String> ofBroadcast(long broadcastId);
}
