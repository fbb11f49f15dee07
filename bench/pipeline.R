# The benchmark pipeline in R psych: read + scoreItems (7 scales) + alpha per scale + by-site means.
#   Rscript bench/pipeline.R bench/data/survey-1m.csv bench/data/survey-1m.keys.json
# Reads with data.table::fread (R's fastest common reader). Prints one JSON line with the seconds of each step.
suppressPackageStartupMessages({ library(psych); library(data.table); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
keys <- fromJSON(args[2], simplifyVector = FALSE)
keys <- lapply(keys, unlist)
t0 <- Sys.time()
df <- as.data.frame(fread(args[1]))
t1 <- Sys.time()
items <- df[, grep("^q", names(df))]
sc <- scoreItems(keys, items, impute = "none", min = 1, max = 5)
alphas <- lapply(keys, function(k) {
  names <- sub("^-", "", k)
  rev <- sub("^-", "", k[startsWith(k, "-")])
  alpha(items[, names], keys = rev, warnings = FALSE)$total
})
t2 <- Sys.time()
by_site <- aggregate(as.data.frame(sc$scores), by = list(site = df$site), FUN = mean, na.rm = TRUE)
t3 <- Sys.time()
el <- function(a, b) as.numeric(difftime(b, a, units = "secs"))
cat(toJSON(list(tool = paste("R", getRversion(), "psych", packageVersion("psych")), read = el(t0, t1),
  scores_alpha = el(t1, t2), by_site = el(t2, t3), total = el(t0, t3), check = alphas$demands$raw_alpha),
  auto_unbox = TRUE, digits = NA), "\n")
