package io.tai2.lab;

import io.tai2.history.CandleRepository;
import io.tai2.market.MarketEngine;
import io.tai2.okx.OkxConnection;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The candle recorder, where the market engine runs (it records the symbols the engine tracks, from the same OKX
 * connection). Always on there: recording is a few public requests every few minutes, so it has no setting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tai2.market.enabled", havingValue = "true", matchIfMissing = true)
@EnableScheduling
class CandleRecorderConfiguration {

  @Bean
  CandleRecorder candleRecorder(OkxConnection okx, CandleRepository candles, MarketEngine market) {
    return new CandleRecorder(
        () -> okx.current().market(), candles, market::symbols, Clock.systemUTC());
  }

  @Bean
  CandleRecordSchedule candleRecordSchedule(CandleRecorder recorder) {
    return new CandleRecordSchedule(recorder);
  }

  /** Shortly after start (once the engine tracks its symbols), then every five minutes; a run never throws. */
  record CandleRecordSchedule(CandleRecorder recorder) {
    @Scheduled(initialDelay = 60_000, fixedDelay = 300_000)
    void run() {
      recorder.record();
    }
  }
}
