package io.tai2.web;

import io.tai2.config.DisplaySettings;
import io.tai2.config.OkxRuntimeSettings;
import io.tai2.config.SettingsDocument;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page's shared layout needs: the header links, the environment badge, asset versions and the display time
 * zone (the body's {@code data-tz}, which the page scripts format every time in, and the column headers that name it).
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

  private final SettingsDocument<OkxRuntimeSettings> okx;
  private final SettingsDocument<DisplaySettings> display;
  private final String echartsVersion;

  LayoutModel(
      SettingsDocument<OkxRuntimeSettings> okx,
      SettingsDocument<DisplaySettings> display,
      @Value("${tai2.assets.echarts-version}") String echartsVersion) {
    this.okx = okx;
    this.display = display;
    this.echartsVersion = echartsVersion;
  }

  @ModelAttribute("pages")
  List<Page> pages() {
    return List.of(Page.values());
  }

  /** DEMO or LIVE as OKX is used right now (the environment can change at runtime, with its keys). */
  @ModelAttribute("environment")
  String environment() {
    return okx.current().environment();
  }

  /** The IANA id of the zone the pages show times in ({@code ui.timezone}), e.g. Europe/Berlin. */
  @ModelAttribute("timeZone")
  String timeZone() {
    return display.current().timeZone().getId();
  }

  @ModelAttribute("echartsPath")
  String echartsPath() {
    return "/_static/echarts/" + echartsVersion + "/dist/echarts.min.js";
  }
}
