package dev.tocsin.broadcast;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Broadcast firing and approval settings. */
@ConfigMapping(prefix = "tocsin.broadcast")
public interface BroadcastConfig {

    /** How often the claimer looks for due occurrences ("off" disables it, as in tests). */
    @WithDefault("1s")
    String tick();

    /** An occurrence found later than this after its due time (downtime) is recorded MISSED. */
    @WithDefault("1h")
    Duration misfireGrace();

    /** A claimed occurrence whose instance died is fired again after this. */
    @WithDefault("2m")
    Duration lease();

    /** Occurrences claimed per round. */
    @WithDefault("20")
    int batchSize();

    /** Loudspeaker plays may start until this long after the occurrence fires. */
    @WithDefault("30m")
    Duration playWindow();

    /** How long the SMS of one occurrence may wait in the outbox. */
    @WithDefault("6h")
    Duration smsValidity();

    /** How often fired occurrences are checked for outstanding SMS and plays ("off" disables it). */
    @WithDefault("2s")
    String deliveryCheck();

    /** An SMS accepted by the provider longer ago than this counts as settled without a receipt. */
    @WithDefault("1h")
    Duration receiptWait();

    /**
     * How often ended broadcasts that repeat every year get next year's copy ("off" disables it,
     * as in tests, which run the rounds themselves).
     */
    @WithDefault("1h")
    String repeatCheck();

    /** Lets an admin approve their own URGENT broadcast (logged as a warning and audited). */
    @WithDefault("false")
    boolean adminUrgentSelfApprove();
}
