package dev.tocsin.schedule;

/** How a broadcast's firing times are described. */
public enum ScheduleKind {
    /** Once, as soon as it is approved. */
    NOW,
    /** Once, at a local date-time. */
    ONCE,
    /** At listed times of day on every day between two dates (inclusive). */
    RECURRING,
    /** A Quartz cron expression between two dates (inclusive). */
    CRON,
    /** At listed times of day between two seasonal-calendar anchors (lunar festivals, solar terms). */
    SEASONAL,
    /** At listed times of day on the days of a seasonal-calendar campaign (e.g. qingming-fire) in a year. */
    CAMPAIGN
}
