package calendarbot.whatsnext;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Draws one what's-next view onto a blank canvas, top to bottom: header (date, time), status, the
 * meeting in progress (or free time), the next meeting, later events as many as fit, the all-day
 * line and the freshness footer. Sizes scale with the image; every string is measured and cut to
 * its width, and a line is drawn only where it fits above the part below it, so nothing overlaps
 * and nothing reaches into the blank margin. One instance per render; not thread-safe.
 */
final class EinkLayout {
  private record Segment(String text, Color color) {}

  private final Graphics2D g;
  private final WhatsNext view;
  private final Palette palette;
  private final int width;
  private final int height;
  private final int margin;
  private final int gap;
  private final int left;
  private final int right;
  private final float scale;
  private final Font headerFont;
  private final Font titleFont;
  private final Font bodyFont;
  private final Font boldBodyFont;
  private final Font smallFont;
  private final boolean twelveHour;
  private final OffsetDateTime now;
  private final LocalDate today;
  private int y;

  EinkLayout(Graphics2D g, WhatsNext view, ImageSpec spec) {
    this.g = g;
    this.view = view;
    this.palette = spec.palette();
    this.width = spec.width();
    this.height = spec.height();
    this.scale = scale(spec);
    this.margin = margin(spec);
    this.gap = Math.max(2, Math.round(8 * scale));
    this.left = margin;
    this.right = width - margin;
    this.headerFont = Fonts.bold(Math.max(12f, Math.round(28 * scale)));
    this.titleFont = Fonts.bold(Math.max(13f, Math.round(32 * scale)));
    this.bodyFont = Fonts.regular(Math.max(11f, Math.round(21 * scale)));
    this.boldBodyFont = Fonts.bold(Math.max(11f, Math.round(21 * scale)));
    this.smallFont = Fonts.regular(Math.max(10f, Math.round(16 * scale)));
    this.twelveHour = view.display() != null && "12h".equals(view.display().clock());
    this.now = OffsetDateTime.parse(view.currentTime());
    this.today = now.toLocalDate();
  }

  /** 1.0 at 800×480; follows the width, or the height when the panel is wide and short. */
  static float scale(ImageSpec spec) {
    return Math.min(spec.width(), spec.height() * 5f / 3f) / 800f;
  }

  /** The blank frame kept on every side, in pixels. */
  static int margin(ImageSpec spec) {
    return Math.max(4, Math.round(10 * scale(spec)));
  }

  void draw() {
    g.setColor(palette.background());
    g.fillRect(0, 0, width, height);
    y = margin;
    header();
    int bottom = footer() - gap;
    bottom = allDay(bottom);

    List<WhatsNextEvent> current = view.currentEvents();
    List<WhatsNextEvent> next = view.nextEvents();
    int label = height(smallFont);
    int title = height(titleFont);
    int body = height(bodyFont);
    int essentials =
        height(boldBodyFont)
            + gap
            + label
            + title
            + (current.isEmpty() ? 0 : body)
            + gap
            + (next.isEmpty() ? 0 : label + title + body + gap);
    // Later events outrank locations: keep room for up to three of them first.
    int laterRoom =
        view.laterEvents().isEmpty() ? 0 : label + Math.min(3, view.laterEvents().size()) * body;
    int spare = bottom - y - essentials - laterRoom;
    boolean nowLocation = !current.isEmpty() && hasLocation(current.get(0)) && spare >= body;
    if (nowLocation) {
      spare -= body;
    }
    boolean nextLocation = !next.isEmpty() && hasLocation(next.get(0)) && spare >= body;

    status(bottom);
    inProgress(bottom, nowLocation);
    next(bottom, nextLocation);
    later(bottom);
  }

  private void header() {
    FontMetrics fm = g.getFontMetrics(headerFont);
    String time = EinkText.time(now, twelveHour);
    int timeWidth = fm.stringWidth(time);
    int room = right - left - timeWidth - gap * 2;
    String date = "";
    for (String form : EinkText.dateForms(view.displayDate(), now)) {
      if (fm.stringWidth(form) <= room) {
        date = form;
        break;
      }
    }
    int baseline = y + fm.getAscent();
    g.setFont(headerFont);
    g.setColor(palette.ink());
    g.drawString(EinkText.fit(date, fm, room), left, baseline);
    g.drawString(time, right - timeWidth, baseline);
    y += fm.getHeight() + gap / 2;
    int rule = Math.max(1, Math.round(2 * scale));
    g.fillRect(left, y, right - left, rule);
    y += rule + gap;
  }

  /** Draws the footer against the bottom margin; returns its top. */
  private int footer() {
    FontMetrics fm = g.getFontMetrics(smallFont);
    int top = height - margin - fm.getHeight();
    String text =
        EinkText.freshness(view.statusInfo(), ZoneId.of(view.timezone()), today, twelveHour);
    g.setFont(smallFont);
    g.setColor(palette.ink());
    g.drawString(EinkText.fit(text, fm, right - left), left, top + fm.getAscent());
    int rule = top - gap / 2 - 1;
    g.fillRect(left, rule, right - left, 1);
    return rule - gap / 2;
  }

  /** Draws the all-day line just above {@code bottom} when it fits; returns the new bottom. */
  private int allDay(int bottom) {
    if (view.allDayEvents().isEmpty()) {
      return bottom;
    }
    FontMetrics fm = g.getFontMetrics(bodyFont);
    int top = bottom - fm.getHeight();
    if (top < y + height(titleFont)) {
      return bottom;
    }
    String names =
        view.allDayEvents().stream()
            .map(e -> EinkText.oneLine(e.subject()))
            .collect(Collectors.joining(" \u00B7 "));
    g.setFont(bodyFont);
    g.setColor(palette.ink());
    g.drawString(EinkText.fit("All day: " + names, fm, right - left), left, top + fm.getAscent());
    return top - gap;
  }

  private void status(int bottom) {
    StatusLine status = StatusLine.of(view);
    FontMetrics fm = g.getFontMetrics(boldBodyFont);
    if (y + fm.getHeight() > bottom) {
      return;
    }
    int pad = Math.max(2, Math.round(6 * scale));
    String text = EinkText.fit(status.text(), fm, right - left - 2 * pad);
    g.setFont(boldBodyFont);
    if (status.urgent()) {
      // Inverted: the one thing on the panel that must catch the eye.
      g.setColor(palette.accent());
      g.fillRect(left, y, fm.stringWidth(text) + 2 * pad, fm.getHeight());
      g.setColor(palette.background());
      g.drawString(text, left + pad, y + fm.getAscent());
    } else {
      g.setColor(palette.ink());
      g.drawString(text, left, y + fm.getAscent());
    }
    y += fm.getHeight() + gap;
  }

  private void inProgress(int bottom, boolean withLocation) {
    List<WhatsNextEvent> current = view.currentEvents();
    if (!line("NOW", smallFont, palette.muted(), left, bottom)) {
      return;
    }
    if (current.isEmpty()) {
      List<WhatsNextEvent> next = view.nextEvents();
      boolean nextToday =
          !next.isEmpty()
              && OffsetDateTime.parse(next.get(0).startTime()).toLocalDate().equals(today);
      String free =
          nextToday
              ? "Free until "
                  + EinkText.time(OffsetDateTime.parse(next.get(0).startTime()), twelveHour)
              : "Free for the rest of the day";
      line(free, titleFont, palette.ink(), left, bottom);
      y += gap;
      return;
    }
    WhatsNextEvent e = current.get(0);
    int bar = Math.max(3, Math.round(6 * scale));
    int x = left + bar + Math.max(3, Math.round(8 * scale));
    int top = y;
    if (!line(e.subject(), titleFont, palette.ink(), x, bottom)) {
      return;
    }
    long remaining = e.timeRemainingMinutes() == null ? 0 : e.timeRemainingMinutes();
    String until =
        "until " + EinkText.time(OffsetDateTime.parse(e.endTime()), twelveHour) + " \u00B7 ";
    String wrap = remaining <= StatusLine.WRAP_UP_MINUTES ? "Wrap up, " : "";
    List<Segment> details = new ArrayList<>();
    details.add(new Segment(until, palette.ink()));
    details.add(new Segment(wrap + EinkText.minutes(remaining) + " left", palette.accent()));
    if (current.size() > 1) {
      details.add(new Segment(" \u00B7 +" + (current.size() - 1) + " more", palette.ink()));
    }
    segments(details, bodyFont, x, bottom);
    if (withLocation) {
      line(e.location(), bodyFont, palette.muted(), x, bottom);
    }
    // The in-progress marker spans the block it belongs to.
    g.setColor(palette.accent());
    g.fillRect(left, top, bar, y - top);
    y += gap;
  }

  private void next(int bottom, boolean withLocation) {
    List<WhatsNextEvent> next = view.nextEvents();
    if (next.isEmpty() || y + height(smallFont) + height(titleFont) > bottom) {
      return;
    }
    WhatsNextEvent e = next.get(0);
    line("NEXT", smallFont, palette.muted(), left, bottom);
    if (!line(e.subject(), titleFont, palette.ink(), left, bottom)) {
      return;
    }
    OffsetDateTime start = OffsetDateTime.parse(e.startTime());
    OffsetDateTime end = OffsetDateTime.parse(e.endTime());
    List<Segment> details = new ArrayList<>();
    String span = EinkText.dayTime(start, today, twelveHour);
    if (!end.equals(start)) {
      span += "\u2013" + EinkText.time(end, twelveHour);
    }
    details.add(new Segment(span + " \u00B7 ", palette.ink()));
    details.add(new Segment("in " + EinkText.minutes(e.timeUntilMinutes()), palette.accent()));
    if (next.size() > 1) {
      details.add(new Segment(" \u00B7 +" + (next.size() - 1) + " more", palette.ink()));
    }
    segments(details, bodyFont, left, bottom);
    if (withLocation) {
      line(e.location(), bodyFont, palette.muted(), left, bottom);
    }
    y += gap;
  }

  private void later(int bottom) {
    List<WhatsNextEvent> later = view.laterEvents();
    int row = height(bodyFont);
    if (later.isEmpty() || y + height(smallFont) + row > bottom) {
      return;
    }
    line("LATER TODAY", smallFont, palette.muted(), left, bottom);
    FontMetrics fm = g.getFontMetrics(bodyFont);
    int timeColumn = 0;
    for (WhatsNextEvent e : later) {
      timeColumn =
          Math.max(
              timeColumn,
              fm.stringWidth(EinkText.time(OffsetDateTime.parse(e.startTime()), twelveHour)));
    }
    int x = left + timeColumn + gap * 2;
    for (int i = 0; i < later.size(); i++) {
      int rest = later.size() - i;
      if (y + row > bottom) {
        return;
      }
      if (rest > 1 && y + 2 * row > bottom) {
        line("+" + rest + " more later today", bodyFont, palette.muted(), left, bottom);
        return;
      }
      WhatsNextEvent e = later.get(i);
      g.setFont(bodyFont);
      g.setColor(palette.ink());
      g.drawString(
          EinkText.time(OffsetDateTime.parse(e.startTime()), twelveHour), left, y + fm.getAscent());
      line(e.subject(), bodyFont, palette.ink(), x, bottom);
    }
  }

  /** Draws one line at {@code x} if it fits above {@code bottom}; returns whether it did. */
  private boolean line(String text, Font font, Color color, int x, int bottom) {
    FontMetrics fm = g.getFontMetrics(font);
    if (y + fm.getHeight() > bottom) {
      return false;
    }
    g.setFont(font);
    g.setColor(color);
    g.drawString(EinkText.fit(EinkText.oneLine(text), fm, right - x), x, y + fm.getAscent());
    y += fm.getHeight();
    return true;
  }

  /** Draws coloured pieces side by side on one line, cutting the piece that reaches the edge. */
  private void segments(List<Segment> parts, Font font, int x, int bottom) {
    FontMetrics fm = g.getFontMetrics(font);
    if (y + fm.getHeight() > bottom) {
      return;
    }
    g.setFont(font);
    int cursor = x;
    for (Segment s : parts) {
      String text = EinkText.fit(s.text(), fm, right - cursor);
      if (text.isEmpty()) {
        break;
      }
      g.setColor(s.color());
      g.drawString(text, cursor, y + fm.getAscent());
      cursor += fm.stringWidth(text);
    }
    y += fm.getHeight();
  }

  private int height(Font font) {
    return g.getFontMetrics(font).getHeight();
  }

  private static boolean hasLocation(WhatsNextEvent e) {
    return e.location() != null && !e.location().isBlank();
  }
}
