package dev.tocsin.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Console texts of the 叫应 roster pages, as {@code {ros:key}}; Chinese in
 * {@code messages/ros_zh_CN.properties}. A bundle of its own (see {@link ReviewMessages}).
 */
@MessageBundle(value = "ros", locale = "en")
public interface RosterMessages {

    @Message("Call-and-respond roster")
    String title();

    @Message("Roster")
    String nav();

    @Message(
            "The responsible persons a red or orange warning reaches (叫应): the A person of each post first, the B person and the superior when nobody answers. A rota limits a post to the days listed; without one the post is held every day.")
    String intro();

    @Message("Area code (includes the areas below)")
    String filterArea();

    @Message("Show")
    String show();

    @Message("{total} persons")
    String found(long total);

    @Message("Name")
    String name();

    @Message("Mobile")
    String mobile();

    @Message("Area")
    String area();

    @Message("Post")
    String role();

    @Message("A/B")
    String rank();

    @Message("Superior")
    String superior();

    @Message("Language")
    String language();

    @Message("Rota")
    String rota();

    @Message("every day")
    String everyDay();

    @Message("Edit")
    String edit();

    @Message("Delete")
    String delete();

    @Message("Add a responsible person")
    String newTitle();

    @Message("Edit {name}")
    String editTitle(String name);

    @Message("Add")
    String add();

    @Message("Save")
    String save();

    @Message("Back to the list")
    String back();

    @Message("The area's code, e.g. 110101001001.")
    String areaHint();

    @Message("A (primary)")
    String rankPrimary();

    @Message("B (backup)")
    String rankBackup();

    @Message("Superior's mobile")
    String superiorMobile();

    @Message("The mobile of another person on the roster, e.g. the township head; empty for none.")
    String superiorHint();

    @Message("default")
    String languageDefault();

    @Message("Weekdays and dates the post is held, e.g. mon,thu,2026-12-05 (or 周四、2026/12/5); empty: every day.")
    String rotaHint();

    @Message("Saved: the person was added.")
    String created();

    @Message("Saved.")
    String updated();

    @Message("The person was removed from the roster.")
    String deleted();

    @Message("Imported: {added} added, {updated} updated, {rejected} rejected.")
    String imported(String added, String updated, String rejected);

    @Message("Import a roster (CSV)")
    String importTitle();

    @Message(
            "Columns: name, mobile, area, role, rank, superior (mobile), language, rota — or 姓名, 手机号, 区域, 岗位, AB角, 上级, 语言, 值班日期. A row whose mobile already holds the post updates it. The file is checked first; nothing is saved until you confirm.")
    String importHint();

    @Message("Check the file")
    String check();

    @Message("Check of the file: nothing is saved yet")
    String dryRun();

    @Message("Import the {accepted} accepted rows")
    String commit(long accepted);
}
