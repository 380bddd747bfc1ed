package calendarbot.testing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON answer of the real App, as {@link RunningApp} reads it.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header, or {@code ""} when there is none
 * @param body the parsed body; an empty object when the body was empty
 */
public record Answer(int status, String contentType, JsonNode body) {}
