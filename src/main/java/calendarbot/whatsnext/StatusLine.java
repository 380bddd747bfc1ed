package calendarbot.whatsnext;

import java.util.List;

/**
 * The one-line verdict under the clock, with the thresholds the kiosk page mirrors in JavaScript:
 * keep both in step.
 *
 * <ul>
 *   <li>an event in progress: {@link #IN_PROGRESS}, or {@link #WRAP_UP} when at most 5 minutes
 *       remain;
 *   <li>otherwise, by whole minutes until the next start: more than 60 {@link #PLENTY_OF_TIME}; 16
 *       to 60 {@link #WITHIN_THE_HOUR}; 6 to 15 {@link #SOON}; 0 to 5 {@link #VERY_SOON};
 *   <li>no next event: {@link #NOTHING_MORE}.
 * </ul>
 */
enum StatusLine {
  IN_PROGRESS("In progress", false),
  WRAP_UP("Wrap up", true),
  PLENTY_OF_TIME("Plenty of time", false),
  WITHIN_THE_HOUR("Starting within the hour", false),
  SOON("Starting soon", true),
  VERY_SOON("Starting very soon", true),
  NOTHING_MORE("Nothing more today", false);

  /** At most this many minutes left of the current event: wrap up. */
  static final long WRAP_UP_MINUTES = 5;

  /** More than this many minutes until the next start: plenty of time. */
  static final long PLENTY_MINUTES = 60;

  /** More than this (and at most {@link #PLENTY_MINUTES}): within the hour. */
  static final long SOON_MINUTES = 15;

  /** More than this (and at most {@link #SOON_MINUTES}): soon; at most this: very soon. */
  static final long VERY_SOON_MINUTES = 5;

  private final String text;
  private final boolean urgent;

  StatusLine(String text, boolean urgent) {
    this.text = text;
    this.urgent = urgent;
  }

  /** The words shown, e.g. "Starting soon". */
  String text() {
    return text;
  }

  /** Whether the line is drawn in the accent colour (red on a black/white/red panel). */
  boolean urgent() {
    return urgent;
  }

  /** The verdict for a view: its first current event, else its first next event. */
  static StatusLine of(WhatsNext view) {
    List<WhatsNextEvent> current = view.currentEvents();
    List<WhatsNextEvent> next = view.nextEvents();
    Long remaining = current.isEmpty() ? null : current.get(0).timeRemainingMinutes();
    Long until = next.isEmpty() ? null : next.get(0).timeUntilMinutes();
    return of(!current.isEmpty(), remaining, until);
  }

  /**
   * The verdict from the numbers alone.
   *
   * @param inProgress whether an event is in progress
   * @param remainingMinutes whole minutes left of it (rounded up), or {@code null} if unknown
   * @param minutesUntilNext whole minutes until the next start (rounded up), or {@code null} when
   *     there is no next event; a negative value (a start already passed) counts as 0
   */
  static StatusLine of(boolean inProgress, Long remainingMinutes, Long minutesUntilNext) {
    if (inProgress) {
      return remainingMinutes != null && remainingMinutes <= WRAP_UP_MINUTES
          ? WRAP_UP
          : IN_PROGRESS;
    }
    if (minutesUntilNext == null) {
      return NOTHING_MORE;
    }
    long m = Math.max(0, minutesUntilNext);
    if (m > PLENTY_MINUTES) {
      return PLENTY_OF_TIME;
    }
    if (m > SOON_MINUTES) {
      return WITHIN_THE_HOUR;
    }
    if (m > VERY_SOON_MINUTES) {
      return SOON;
    }
    return VERY_SOON;
  }
}
