# The factor benchmark in R psych (see bench/factor.bench.ts): the same analyses on the same files, each timed
# with system.time (elapsed) `runs` times, best kept; reading the files is not timed. Prints one JSON line with
# the best times and a few values that show both tools computed the same thing.
#
#   Rscript bench/factor.R FA.csv NFACTORS POLY.csv PARALLEL.csv RUNS [skip-poly] [skip-parallel]
suppressMessages({ library(psych); library(GPArotation); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
nf <- as.integer(args[2]); runs <- as.integer(args[5])
best <- function(expr) {
  t <- Inf; res <- NULL
  for (i in seq_len(runs)) t <- min(t, system.time(res <- eval(expr))[["elapsed"]])
  list(t = t, res = res)
}
x <- read.csv(args[1])
out <- list(R = R.version.string, psych = as.character(packageVersion("psych")),
            GPArotation = as.character(packageVersion("GPArotation")), mc_cores = getOption("mc.cores", 2L))
b <- best(quote(suppressWarnings(fa(x, nfactors = nf, fm = "minres", rotate = "oblimin"))))
out$fa <- b$t; out$fa_rms <- b$res$rms
b <- best(quote(suppressWarnings(omega(x, nfactors = nf, fm = "minres", plot = FALSE))))
out$omega <- b$t; out$omega_h <- b$res$omega_h; out$omega_total <- b$res$omega.tot
if (!("skip-poly" %in% args)) {
  y <- read.csv(args[3])
  b <- best(quote(suppressWarnings(polychoric(y))))
  out$polychoric <- b$t; out$poly_r12 <- b$res$rho[1, 2]
}
if (!("skip-parallel" %in% args)) {
  z <- read.csv(args[4])
  pdf(NULL)
  b <- best(quote({ invisible(capture.output(r <- suppressWarnings(suppressMessages(
    fa.parallel(z, fm = "minres", fa = "both", n.iter = 20, plot = FALSE))))); r }))
  out$parallel <- b$t; out$nfact <- b$res$nfact; out$ncomp <- b$res$ncomp
}
cat(toJSON(out, auto_unbox = TRUE, digits = NA), "\n")
