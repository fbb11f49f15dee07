# The study benchmark in R (psych + stats): the analyses of bench/data/pals-*.study.yaml, as bench/study.py does
# them (see there), with psych::alpha for every scale (all its statistics, as `staffwell run` computes them).
#
#   Rscript bench/study.R bench/data/pals-1m.csv
suppressMessages({ library(data.table); library(psych) })
args <- commandArgs(trailingOnly = TRUE)
t0 <- proc.time()[["elapsed"]]
d <- fread(args[1], data.table = FALSE)
t1 <- proc.time()[["elapsed"]]
hse <- list(demands = c(3, 6, 9, 12, 16, 18, 20, 22), control = c(2, 10, 15, 19, 25, 30), managers_support = c(8, 23, 29, 33, 35),
            peer_support = c(7, 24, 27, 31), relationships = c(5, 14, 21, 34), role = c(1, 4, 11, 13, 17), change = c(26, 28, 32))
rev <- c(hse$demands, hse$relationships)
s <- data.frame(site = d$site, staff_role = d$role)
keyed <- list()
for (nm in names(hse)) {
  x <- d[, paste0("hse_", hse[[nm]])]
  keys <- ifelse(hse[[nm]] %in% rev, -1, 1)
  keyed[[nm]] <- list(x = x, keys = keys)
  x2 <- as.matrix(x); x2[, keys < 0] <- 6 - x2[, keys < 0]
  s[[nm]] <- rowMeans(x2)
}
g <- as.matrix(d[, paste0("ghq_", 1:12)])
keyed$ghq_total <- list(x = as.data.frame(g), keys = rep(1, 12))
s$ghq_total <- rowSums(g >= 2)
s$caseness <- as.numeric(s$ghq_total >= 4)
t2 <- proc.time()[["elapsed"]]
nms <- c(names(hse), "ghq_total")
desc <- lapply(nms, function(nm) aggregate(s[[nm]], list(site = s$site), function(v) {
  v <- v[!is.na(v)]; n <- length(v); m <- mean(v); sd <- sd(v); se <- sd / sqrt(n)
  c(n = n, mean = m, sd = sd, lo = m - qt(.975, n - 1) * se, hi = m + qt(.975, n - 1) * se)
}))
t3 <- proc.time()[["elapsed"]]
alphas <- lapply(keyed, function(k) suppressWarnings(psych::alpha(k$x, keys = k$keys, check.keys = FALSE, warnings = FALSE)))
t4 <- proc.time()[["elapsed"]]
cs <- s$caseness[!is.na(s$caseness)]
bt <- binom.test(sum(cs), length(cs), 0.268)
ow <- oneway.test(ghq_total ~ site, data = s)
pw <- pairwise.t.test(s$ghq_total, s$site, p.adjust.method = "holm")
wt <- t.test(demands ~ caseness, data = s)
t5 <- proc.time()[["elapsed"]]
cors <- list()
for (i in 1:(length(nms) - 1)) for (j in (i + 1):length(nms)) cors[[length(cors) + 1]] <- cor.test(s[[nms[i]]], s[[nms[j]]])
t6 <- proc.time()[["elapsed"]]
fit <- lm(ghq_total ~ demands + control + managers_support + peer_support + relationships + role + change + staff_role, data = s)
sl <- summary(fit); ci <- confint(fit)
t7 <- proc.time()[["elapsed"]]
lg <- glm(caseness ~ demands + control + managers_support + peer_support + relationships + role + change, data = s, family = binomial)
sg <- summary(lg); cg <- confint.default(lg)
t8 <- proc.time()[["elapsed"]]
cat(sprintf('{"tool": "R %s, psych %s", "read": %.3f, "score": %.3f, "describe": %.3f, "reliability": %.3f, "tests": %.3f, "correlations": %.3f, "lm": %.3f, "logistic": %.3f, "total": %.3f, "check": {"demands_raw_alpha": %.12f, "logistic_demands": %.12f}}\n',
            paste(R.version$major, R.version$minor, sep = "."), packageVersion("psych"), t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6, t8 - t7, t8 - t0,
            alphas$demands$total$raw_alpha, coef(lg)[["demands"]]))
