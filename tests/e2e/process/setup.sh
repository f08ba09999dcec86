# Sourced by run_app.sh before each of the process e2e's runs (MODE=restart|exit, --var): the
# page learns which run it is.
substitute @MODE@ "$MODE"
