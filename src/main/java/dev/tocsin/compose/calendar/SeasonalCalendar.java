package dev.tocsin.compose.calendar;

import dev.tocsin.compose.ComposeConfig;
import dev.tocsin.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dates seasonal notices hang on (festivals, solar terms, the deployment's heating season)
 * and the seasonal campaigns defined relative to them. Schedules call {@link #expand} to turn
 * a campaign into the concrete days of a year.
 */
@ApplicationScoped
public class SeasonalCalendar {

    public static final int FIRST_YEAR = 1901;
    public static final int LAST_YEAR = 2100;

    public record CalendarEvent(LocalDate date, Anchor anchor, String chinese, String english) {}

    public record Window(LocalDate from, LocalDate to) {}

    /** A campaign: notices every {@code everyDays} from one anchor-relative day to another. */
    public record CampaignRule(String id, String description, AnchorOffset from, AnchorOffset to, int everyDays) {
        public CampaignRule {
            if (everyDays < 1 || everyDays > 366) {
                throw new IllegalArgumentException("campaign '" + id + "': every-days must be 1-366, was " + everyDays);
            }
        }
    }

    public record CampaignDates(
            String id, String description, String from, String to, int everyDays, int year, List<LocalDate> dates) {}

    private final MonthDay heatingStart;
    private final MonthDay heatingEnd;
    private final Map<String, CampaignRule> campaigns = new LinkedHashMap<>();

    @Inject
    SeasonalCalendar(ComposeConfig config) {
        this(config.calendar().heatingSeasonStart(), config.calendar().heatingSeasonEnd(), rules(config));
    }

    public SeasonalCalendar(MonthDay heatingStart, MonthDay heatingEnd, List<CampaignRule> campaigns) {
        this.heatingStart = heatingStart;
        this.heatingEnd = heatingEnd;
        campaigns.forEach(c -> this.campaigns.put(c.id(), c));
    }

    // Parsed at start-up so that a mistyped campaign in the configuration fails the boot, by name.
    private static List<CampaignRule> rules(ComposeConfig config) {
        List<CampaignRule> rules = new ArrayList<>();
        config.campaigns().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    ComposeConfig.Campaign c = e.getValue();
                    try {
                        rules.add(new CampaignRule(
                                e.getKey(),
                                c.description().orElse(""),
                                AnchorOffset.parse(c.from()),
                                AnchorOffset.parse(c.to()),
                                c.everyDays()));
                    } catch (IllegalArgumentException bad) {
                        throw new IllegalArgumentException(
                                "tocsin.compose.campaigns." + e.getKey() + ": " + bad.getMessage(), bad);
                    }
                });
        return rules;
    }

    /** The date of an anchor in a Gregorian year (1901-2100). */
    public LocalDate date(Anchor anchor, int year) {
        checkYear(year);
        return switch (anchor) {
            case SPRING_FESTIVAL_EVE -> LunarCalendar.lastDay(year - 1);
            case SPRING_FESTIVAL -> LunarCalendar.newYear(year);
            case LANTERN_FESTIVAL -> LunarCalendar.toGregorian(year, 1, false, 15);
            case DRAGON_BOAT_FESTIVAL -> LunarCalendar.toGregorian(year, 5, false, 5);
            case MID_AUTUMN_FESTIVAL -> LunarCalendar.toGregorian(year, 8, false, 15);
            case QINGMING -> SolarTerms.date(year, SolarTerm.QINGMING);
            case WINTER_SOLSTICE -> SolarTerms.date(year, SolarTerm.WINTER_SOLSTICE);
            case HEATING_SEASON_START -> heatingStart.atYear(year);
            case HEATING_SEASON_END -> heatingEnd.atYear(year);
        };
    }

    public LocalDate date(AnchorOffset anchor, int year) {
        return date(anchor.anchor(), year).plusDays(anchor.days());
    }

    /** Every anchor date in [from, to], in date order. */
    public List<CalendarEvent> events(LocalDate from, LocalDate to) {
        checkYear(from.getYear());
        checkYear(to.getYear());
        List<CalendarEvent> events = new ArrayList<>();
        for (int y = from.getYear(); y <= to.getYear(); y++) {
            for (Anchor a : Anchor.values()) {
                LocalDate d = date(a, y);
                if (!d.isBefore(from) && !d.isAfter(to)) {
                    events.add(new CalendarEvent(d, a, a.chinese, a.english));
                }
            }
        }
        events.sort(Comparator.comparing(CalendarEvent::date).thenComparing(CalendarEvent::anchor));
        return events;
    }

    /** Heating-season windows that overlap [from, to]; a window starts in one year and ends in the next. */
    public List<Window> heatingSeasons(LocalDate from, LocalDate to) {
        List<Window> windows = new ArrayList<>();
        for (int y = from.getYear() - 1; y <= to.getYear(); y++) {
            LocalDate start = heatingStart.atYear(y);
            LocalDate end = heatingEnd.atYear(heatingEnd.isBefore(heatingStart) ? y + 1 : y);
            if (!end.isBefore(from) && !start.isAfter(to)) {
                windows.add(new Window(start, end));
            }
        }
        return windows;
    }

    public List<CampaignRule> campaigns() {
        return List.copyOf(campaigns.values());
    }

    public CampaignDates expand(String campaignId, int year) {
        CampaignRule rule = campaigns.get(campaignId);
        if (rule == null) {
            throw ProblemException.notFound("No seasonal campaign '" + campaignId + "'");
        }
        return new CampaignDates(
                rule.id(),
                rule.description(),
                rule.from().toString(),
                rule.to().toString(),
                rule.everyDays(),
                year,
                expand(rule, year));
    }

    /**
     * The days of a campaign in a year: both ends resolve in that year, except that an end
     * falling before the start resolves in the next year (a winter campaign from November to March).
     */
    public List<LocalDate> expand(CampaignRule rule, int year) {
        LocalDate start = date(rule.from(), year);
        LocalDate end = date(rule.to(), year);
        if (end.isBefore(start)) {
            end = date(rule.to(), year + 1);
        }
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(rule.everyDays())) {
            dates.add(d);
        }
        return dates;
    }

    private static void checkYear(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("year must be " + FIRST_YEAR + "-" + LAST_YEAR + ", was " + year);
        }
    }
}
