#!/usr/bin/env Rscript
# Simulated respondent data for the built-in questionnaire (instruments/digital-divide-kg), in the shape of an
# ODK Central / KoboToolbox CSV export: one row per respondent, choice names as values, multiple choices
# space-separated, skipped questions empty. NOT real data: for training the field team's analysts, dry runs of
# the analysis pipeline and the test suite. Design: 14 districts as strata, villages as PSUs, unequal weights.
#
#   Rscript scripts/simulate-responses.R [RESPONDENTS] [OUTPUT.csv] [SEED]
args <- commandArgs(trailingOnly = TRUE)
n <- if (length(args) >= 1) as.integer(args[1]) else 1200L
out <- if (length(args) >= 2) args[2] else "simulated-responses.csv"
set.seed(if (length(args) >= 3) as.integer(args[3]) else 2026L)

districts <- c("41702205000000", "41702210000000", "41702215000000", "41702220000000", "41702225000000",
               "41702410000000", "41702420000000", "41706207000000", "41706211000000", "41706226000000",
               "41706242000000", "41706246000000", "41706255000000", "41706259000000")
towns <- c("41702410000000", "41702420000000")
psus_per_district <- 5L
district <- sample(districts, n, replace = TRUE)
village <- paste0(district, "-", sample.int(psus_per_district, n, replace = TRUE))
oblast <- paste0(substr(district, 1, 5), "000000000")
settlement_type <- ifelse(district %in% towns | runif(n) < 0.15, "urban", "rural")
sex <- sample(c("female", "male"), n, replace = TRUE, prob = c(0.53, 0.47))
age <- pmin(100L, 15L + as.integer(rexp(n, 1 / 22)))
weight <- round(runif(n, 200, 900) * ifelse(settlement_type == "urban", 1.3, 1), 2)

logistic <- function(x) 1 / (1 + exp(-x))
urban <- settlement_type == "urban"
female <- sex == "female"
young <- age <= 28
# A latent digital propensity: lower in rural areas, for women, with age.
propensity <- 1.2 + 0.6 * urban - 0.35 * female - 0.045 * (age - 35) + rnorm(n, 0, 0.8)
yes <- function(p) ifelse(runif(length(p)) < p, "yes", "no")
# Each option is chosen with probability p[i] * relative[j] for respondent i; empty where not asked.
pick <- function(options, p, keep, relative = rep(1, length(options))) {
  sapply(seq_along(keep), function(i) {
    if (!keep[i]) return("")
    chosen <- options[runif(length(options)) < p[i] * relative]
    paste(chosen, collapse = " ")
  })
}
blank <- function(x, keep) ifelse(keep, x, "")

used_internet <- yes(logistic(propensity + 1))
user <- used_internet == "yes"
own_mobile <- yes(logistic(propensity + 1.8))
devices_used <- pick(c("smartphone", "basic_phone", "desktop", "laptop", "tablet", "smart_tv"), logistic(propensity - 0.5), rep(TRUE, n),
                     c(1.3, 0.5, 0.3, 0.5, 0.25, 0.35))
devices_used[devices_used == ""] <- "none"
devices_owned <- sapply(strsplit(devices_used, " "), function(d) paste(d[d != "none" & runif(length(d)) < 0.8], collapse = " "))
devices_owned[devices_used == "none"] <- ""
hh_internet <- sample(c("yes", "no", "dk"), n, replace = TRUE, prob = c(0.62, 0.34, 0.04))
internet_freq <- blank(sample(c("several_daily", "daily", "weekly", "less_weekly"), n, replace = TRUE, prob = c(0.55, 0.25, 0.12, 0.08)), user)
internet_cost <- blank(as.character(round(runif(n, 100, 900))), user)
internet_quality <- blank(as.character(sample(1:5, n, replace = TRUE, prob = c(0.08, 0.17, 0.35, 0.28, 0.12))), user)

activity <- function(shift) blank(yes(logistic(propensity + shift)), user)
act <- list(act_social = 1.5, act_messaging = 2.5, act_calls = 2, act_email = -0.8, act_goods_info = 0.2, act_news = 0.8,
            act_health_info = -0.2, act_civic = -2, act_consult = -2.2, act_shop = -0.7, act_sell = -1.8, act_banking = 0,
            act_egov = -0.6, act_learning = -1.2, act_job = -1.4)
skill <- list(sk_copy_paste = 0.2, sk_transfer_files = -0.3, sk_connect_device = -0.9, sk_word = -1, sk_spreadsheet = -2,
              sk_presentation = -2.2, sk_edit_media = -0.8, sk_programming = -3.5, sk_attachment = -0.2,
              sk_install_software = -0.6, sk_security = -0.9, sk_privacy = -1.1, sk_verify_info = -1.2,
              saf_privacy_policy = -1.6, saf_location = -1.2, saf_ads = -1.5, saf_https = -1.9)
data <- data.frame(interview_id = sprintf("SIM-%05d", seq_len(n)), oblast, district, village, settlement_type, sex, age,
                   weight, used_internet, own_mobile, devices_used, devices_owned, hh_internet, internet_freq,
                   internet_cost, internet_quality, stringsAsFactors = FALSE)
for (name in names(act)) data[[name]] <- activity(act[[name]])
for (name in names(skill)) data[[name]] <- activity(skill[[name]])

often <- c("never", "rarely", "sometimes", "often", "always", "na")
for (name in c("cy_unique_passwords", "cy_password_storage", "cy_two_factor", "cy_updates", "cy_screen_lock",
               "cy_suspicious_links", "cy_public_wifi", "cy_social_privacy", "cy_verify_before_share", "cy_sms_sender")) {
  data[[name]] <- sample(often, n, replace = TRUE, prob = c(0.2, 0.2, 0.2, 0.2, 0.15, 0.05))
}
for (name in c("kn_sms_code", "kn_padlock", "kn_phishing", "kn_password", "kn_two_factor")) {
  data[[name]] <- sample(c("true", "false", "dk"), n, replace = TRUE, prob = c(0.45, 0.35, 0.2))
}
data$incidents <- pick(c("fraud_money", "account_hacked", "harassment", "fake_news_shared", "loan_in_name"), rep(0.08, n), user)
data$incidents[user & data$incidents == ""] <- "none"

services <- c("civil_registry", "id_passport", "address_registration", "social_benefit", "tax", "business_registration",
              "land_property", "school_enrolment", "health", "police_certificate")
data$egov_services <- pick(services, rep(0.12, n), rep(TRUE, n))
data$egov_services[data$egov_services == ""] <- "none"
any_service <- data$egov_services != "none"
data$egov_channels <- pick(c("online_self", "csc", "someone_else", "office"), logistic(propensity - 1), any_service, c(1, 1.2, 0.5, 1))
data$egov_channels[any_service & data$egov_channels == ""] <- "office"
no_online <- !grepl("online_self", data$egov_channels)
data$egov_no_online_reasons <- pick(c("not_aware", "no_need", "prefer_in_person", "no_eds", "too_complex", "distrust", "poor_internet", "no_help"),
                                    rep(0.2, n), no_online)
data$egov_aware <- pick(c("portal", "tunduk_app", "csc"), logistic(propensity), rep(TRUE, n), c(0.8, 0.7, 0.9))
data$egov_aware[data$egov_aware == ""] <- "none"
data$has_digital_signature <- sample(c("yes", "no", "dk"), n, replace = TRUE, prob = c(0.2, 0.7, 0.1))
data$mun_contacted <- yes(rep(0.12, n))

reasons <- c("no_need", "no_skills", "cost_device", "cost_service", "no_coverage", "privacy_security", "family_not_allow",
             "safety_harassment", "no_content_language", "disability", "no_time")
data$nonuse_reasons <- pick(reasons, ifelse(female, 1.2, 1), !user, c(0.45, 0.5, 0.3, 0.25, 0.2, 0.08, 0.1, 0.07, 0.06, 0.05, 0.1))
limits <- c("not_useful", "no_skills", "cost_device", "cost_service", "no_coverage", "privacy_security", "family_not_allow",
            "safety_harassment", "no_content_language", "disability", "no_time")
data$user_limits <- pick(limits, ifelse(urban, 0.8, 1.1), user, c(0.1, 0.15, 0.2, 0.3, 0.25, 0.08, 0.05, 0.06, 0.08, 0.02, 0.15))
data$user_limits[user & data$user_limits == ""] <- "nothing"

data$training_any <- yes(logistic(propensity - 2))
data$want_learn <- sample(c("yes", "maybe", "no"), n, replace = TRUE, prob = c(0.45, 0.25, 0.3))
wants <- data$want_learn != "no"
data$wanted_topics <- pick(c("basic_use", "smartphone", "safety", "egov", "online_selling", "coding", "office", "design", "smm", "finance"), rep(0.25, n), wants)
data$learn_barriers <- pick(c("no_time", "cost", "distance", "childcare", "language", "no_device", "no_permission", "dont_know_where", "health"),
                            ifelse(female, 0.22, 0.15), rep(TRUE, n))
data$learn_barriers[data$learn_barriers == ""] <- "none"
data$biz_own <- yes(rep(0.18, n))
owner <- data$biz_own == "yes"
data$biz_sells_online <- blank(yes(logistic(propensity - 1)), owner)
data$biz_interest <- sample(c("already", "yes", "maybe", "no"), n, replace = TRUE, prob = c(0.05, 0.25, 0.25, 0.45))
asked_barriers <- owner | data$biz_interest != "no"
data$biz_barriers <- pick(c("skills", "capital", "delivery", "trust", "taxes_registration", "family_duties", "internet"), rep(0.2, n), asked_barriers)
data$women_prog_aware <- yes(rep(0.2, n))

write.csv(data, out, row.names = FALSE, na = "")
cat(sprintf("%s: %d simulated respondents in %d villages of %d districts\n", out, n, length(unique(village)), length(unique(district))))
