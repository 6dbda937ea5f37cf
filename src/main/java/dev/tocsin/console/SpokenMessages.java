package dev.tocsin.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts about what the loudspeaker says: the spoken text with its marked stretches and
 * the place-name pronunciations page. English here, Chinese in
 * {@code messages/spk_zh_CN.properties}; templates read them as {@code {spk:key}}. A bundle of
 * its own: {@link ConsoleMessages} past 300 messages made Quarkus generate a resolver class the
 * JVM refuses (VerifyError at start-up).
 */
@MessageBundle(value = "spk", locale = "en")
public interface SpokenMessages {

    @Message("What the loudspeaker says")
    String spokenTitle();

    @Message(
            "Marked: numbers, dates, times, phone numbers and temperatures as they will be read, place names from the dictionary, words with a less usual reading, and dialect rewrites. Check each one.")
    String spokenHint();

    @Message("Nothing to check: every word is read as written.")
    String spokenNothing();

    @Message(
            "{#if kind == 'phone'}phone number, digit by digit{#else if kind == 'date'}date{#else if kind == 'time'}time{#else if kind == 'temperature'}temperature{#else if kind == 'number'}number{#else if kind == 'polyphone'}reading in context{#else if kind == 'place-name'}place name (dictionary){#else if kind == 'dialect'}dialect rewrite{#else}{kind}{/if}")
    String spokenKind(String kind);

    @Message("Place names")
    String navPlaceNames();

    @Message("Place-name pronunciations")
    String pnTitle();

    @Message(
            "How the loudspeaker reads the district's place names. A name here is read as listed (over the word dictionary) and is never rewritten by a dialect. Names that come with the application can be corrected; names staff added can be removed.")
    String pnIntro();

    @Message("Add or correct a name")
    String pnAdd();

    @Message("Name (Chinese characters)")
    String pnName();

    @Message("Pinyin with tone numbers, one syllable per character")
    String pnPinyin();

    @Message("e.g. ci2 hu2 kou3 (5 for the neutral tone)")
    String pnPinyinHint();

    @Message("Save")
    String pnSave();

    @Message("Name")
    String pnColName();

    @Message("Reading")
    String pnColPinyin();

    @Message("Source")
    String pnColSource();

    @Message("added by staff")
    String pnStaff();

    @Message("added by staff (packaged reading: {pinyin})")
    String pnStaffCorrects(String pinyin);

    @Message("packaged")
    String pnPackaged();

    @Message("Remove")
    String pnRemove();

    @Message("Saved: {name} is read {pinyin}.")
    String pnSaved(String name, String pinyin);

    @Message("Removed: {name}.")
    String pnRemoved(String name);

    @Message("Removed the correction: {name} is read {pinyin} again.")
    String pnReverted(String name, String pinyin);

    @Message("{count} names, {staff} added by staff.")
    String pnCount(int count, int staff);

    @Message("recorded voice")
    String audioRecorded();

    @Message("synthesized")
    String audioSynthesized();
}
