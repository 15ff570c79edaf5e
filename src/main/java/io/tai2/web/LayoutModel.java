package io.tai2.web;

import io.tai2.config.EnvSettings;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's shared layout needs: the header links, the environment badge and asset versions. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

  private final EnvSettings settings;
  private final String echartsVersion;

  LayoutModel(EnvSettings settings, @Value("${tai2.assets.echarts-version}") String echartsVersion) {
    this.settings = settings;
    this.echartsVersion = echartsVersion;
  }

  @ModelAttribute("pages")
  List<Page> pages() {
    return List.of(Page.values());
  }

  @ModelAttribute("environment")
  String environment() {
    return settings.environmentLabel();
  }

  @ModelAttribute("echartsPath")
  String echartsPath() {
    return "/_static/echarts/" + echartsVersion + "/dist/echarts.min.js";
  }
}
