package io.tai2.web;

import io.tai2.config.EnvSettings;
import jakarta.servlet.DispatcherType;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what. Loopback bind with no password: everything is open to this machine. {@code TAI2_ADMIN_PASSWORD}:
 * pages need a login (form + session). {@code TAI2_API_TOKEN}: the REST API needs {@code Authorization: Bearer}. Writes
 * from a browser always need a CSRF token; a non-loopback bind without both is refused earlier, at settings parsing.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** The single operator account's name; the login form sends it for the operator. */
  static final String ADMIN_USER = "admin";

  /**
   * The REST API: with TAI2_API_TOKEN it needs the bearer token (or a logged-in operator). The pages read through their
   * own paths, so open pages (no TAI2_ADMIN_PASSWORD) still show everything; their buttons call the API and therefore
   * need the password login whenever the API is locked.
   */
  static final String[] API_PATHS = {
    "/state/**", "/trades/**", "/equity/**", "/llm/**", "/config/**", "/execution/**", "/ws/**", "/actuator/**", "/api/**", "/scheduler/**"
  };
  static final String[] PUBLIC_PATHS = {
    "/health", "/actuator/health", "/actuator/health/**", "/login", "/error",
    "/webjars/**", "/_static/**", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg"
  };

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /** Always defined, so Spring Boot never invents a default user with a logged password. */
  @Bean
  UserDetailsService operators(EnvSettings settings, PasswordEncoder encoder) {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
    settings
        .adminPassword()
        .ifPresent(
            p -> users.createUser(User.withUsername(ADMIN_USER).password(encoder.encode(p.reveal())).roles("ADMIN").build()));
    return users;
  }

  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http, EnvSettings settings) throws Exception {
    boolean pagesLocked = settings.adminPassword().isPresent();
    boolean apiLocked = pagesLocked || settings.apiToken().isPresent();
    BearerTokenFilter bearer = new BearerTokenFilter(settings.apiToken());
    RequestMatcher api =
        new OrRequestMatcher(
            Arrays.stream(API_PATHS).map(p -> PathPatternRequestMatcher.withDefaults().matcher(p)).toList());

    http.addFilterBefore(bearer, CsrfFilter.class)
        .authorizeHttpRequests(
            auth -> {
              // The request was authorised when it started; its async (SSE) and error dispatches need no second check.
              auth.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
              auth.requestMatchers(PUBLIC_PATHS).permitAll();
              if (apiLocked) {
                auth.requestMatchers(api).authenticated();
              } else {
                auth.requestMatchers(api).permitAll();
              }
              if (pagesLocked) {
                auth.anyRequest().hasRole("ADMIN");
              } else {
                auth.anyRequest().permitAll();
              }
            })
        .csrf(csrf -> csrf.ignoringRequestMatchers(BearerTokenFilter::authenticatedByToken))
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api)
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), request -> true))
        .headers(Customizer.withDefaults());
    if (pagesLocked) {
      http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
          .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
    } else {
      http.formLogin(form -> form.disable()).logout(logout -> logout.disable());
    }
    return http.build();
  }
}
