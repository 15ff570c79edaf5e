package io.tai2.state;

import io.tai2.config.EnvSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Redis when {@code REDIS_URL} is set, memory otherwise; plus the "redis" health component. */
@Configuration(proxyBeanMethods = false)
class StateConfiguration {

  @Bean(destroyMethod = "close")
  StateStore stateStore(
      EnvSettings settings, @Value("${tai2.state.key-prefix:tai2:}") String keyPrefix) {
    return settings
        .redisUrl()
        .<StateStore>map(url -> new RedisStateStore(url.reveal(), keyPrefix))
        .orElseGet(MemoryStateStore::new);
  }

  @Bean("redis")
  HealthIndicator stateStoreHealth(StateStore store) {
    return () ->
        (store.isAvailable() ? Health.up() : Health.down())
            .withDetail("store", store.kind())
            .build();
  }
}
