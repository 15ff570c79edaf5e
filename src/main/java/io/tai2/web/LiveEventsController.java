package io.tai2.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The Server-Sent Events stream the pages listen to for live updates. */
@RestController
class LiveEventsController {

  private final LiveEvents events;

  LiveEventsController(LiveEvents events) {
    this.events = events;
  }

  @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events() {
    return events.connect();
  }
}
