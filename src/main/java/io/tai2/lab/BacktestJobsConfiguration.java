package io.tai2.lab;

import io.tai2.history.BacktestRunRepository;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The backtest jobs of the service; the {@link BacktestRunner} is whichever engine bean the process has (none: 503). */
@Configuration(proxyBeanMethods = false)
class BacktestJobsConfiguration {

  @Bean(destroyMethod = "close")
  BacktestJobs backtestJobs(BacktestRunRepository runs, ObjectProvider<BacktestRunner> runner, ObjectMapper json) {
    BacktestJobs jobs = new BacktestJobs(runs, () -> Optional.ofNullable(runner.getIfAvailable()), json, Clock.systemUTC());
    jobs.recover();
    return jobs;
  }
}
