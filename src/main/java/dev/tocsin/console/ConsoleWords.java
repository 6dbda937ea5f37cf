package dev.tocsin.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words for the values staff read in lists and cards: broadcast statuses, channels,
 * priorities and CAP statuses, by their wire ids. English here, Chinese in
 * {@code messages/words_zh_CN.properties}; templates read them as {@code {words:status(s)}}. A
 * bundle of its own, as {@link SpokenMessages} is, to keep {@link ConsoleMessages} under 300.
 */
@MessageBundle(value = "words", locale = "en")
public interface ConsoleWords {

    @Message(
            "{#if s == 'draft'}draft{#else if s == 'pending_approval'}awaiting approval{#else if s == 'approved'}approved{#else if s == 'dispatching'}sending{#else if s == 'delivering'}delivering{#else if s == 'completed'}completed{#else if s == 'failed'}failed{#else if s == 'rejected'}rejected{#else if s == 'cancelled'}cancelled{#else if s == 'superseded'}superseded{#else}{s}{/if}")
    String status(String s);

    @Message(
            "{#if c == 'sms'}SMS{#else if c == 'loudspeaker'}loudspeaker{#else if c == 'voice'}voice call{#else}{c}{/if}")
    String channel(String c);

    @Message("{#if p == 'urgent'}urgent{#else if p == 'routine'}routine{#else}{p}{/if}")
    String priority(String p);

    @Message(
            "{#if s == 'actual'}real alert{#else if s == 'exercise'}exercise (drill){#else if s == 'test'}technical test{#else}{s}{/if}")
    String capStatus(String s);

    /** How a terminal is reached: the polling box says nothing; a paged speaker says where it is called. */
    @Message("{#if kind == 'sip'}SIP call to {where}{#else if kind == 'multicast'}multicast to {where}{/if}")
    String paging(String kind, String where);

    @Message("Free text")
    String freeText();

    @Message("Text (SMS and loudspeaker)")
    String freeTextText();

    @Message("Key instruction (the loudspeaker repeats it; optional)")
    String freeTextKey();

    @Message("English SMS for residents who read English (optional)")
    String freeTextEn();

    @Message("Title (optional; otherwise its first words)")
    String freeTextTitle();

    @Message("Rule (cron)")
    String kindCron();

    @Message("Cron rule (Quartz: second minute hour day month weekday), in the district's time")
    String cronRule();

    @Message("Campaign (calendar)")
    String kindCampaign();

    @Message("Campaign of the seasonal calendar (its days that year, e.g. qingming-fire)")
    String campaign();

    @Message("Times per channel (optional)")
    String channelTimes();

    @Message(
            "A channel can have its own times, e.g. the loudspeaker at 07:00 and 18:00 daily and one SMS at 10:00 on the first day. SMS quiet hours never move loudspeaker plays.")
    String channelTimesHint();

    @Message("{#if c == 'sms'}SMS times{#else}Loudspeaker times{/if}")
    String channelTimesOf(String c);

    @Message("Same as the schedule above")
    String channelTimesSame();

    @Message("{#if range}The schedule's days (first to last){#else}The schedule's first day{/if}")
    String fromSchedule(boolean range);

    @Message("Repeat every year (seasonal or campaign schedule; next year's dates)")
    String repeatYearly();

    @Message(
            "When this year's broadcast ends, next year's (the same season or campaign one year on, dates taken from the schedule) goes to approval. Rejecting or cancelling it ends the series.")
    String repeatYearlyHint();

    @Message("Repeats every year")
    String repeatsYearly();

    @Message("Next year's broadcast")
    String nextYear();

    @Message("Last year's broadcast")
    String lastYear();

    @Message("Next year's broadcast could not be made")
    String repeatProblem();

    @Message("Warning colour (叫应)")
    String colour();

    @Message("From the template (CAP severity)")
    String colourFromTemplate();

    @Message("{#if c == 'red'}Red{#else if c == 'orange'}Orange{#else if c == 'yellow'}Yellow{#else}Blue{/if}")
    String colourName(String c);

    @Message(
            "Red and orange warnings reach the responsible persons, who must confirm receipt (叫应); name a colour when the warning signal issued differs from the template's severity.")
    String colourHint();

    @Message("Voice call")
    String prefersCall();

    @Message("Voice call to residents who prefer one (urgent only)")
    String channelVoice();

    @Message("Urgent broadcasts phone instead of texting (texted if the calls go unanswered)")
    String prefersCallLabel();

    @Message("Save")
    String prefersCallSave();

    @Message("Voice calls by outcome ({n} attempts)")
    String bcCallsChart(long n);

    @Message("{n} residents called;")
    String bcCallsResidents(long n);

    @Message("unreached after every attempt: {n}")
    String bcCallsUnreached(long n);

    /** Dashboard failures column: residents who prefer a call and whom no call reached. */
    @Message("Calls unanswered")
    String dashCallsUnreached();

    @Message("(texted instead: {n})")
    String bcCallsTexted(long n);
}
