package http

import "github.com/prometheus/client_golang/prometheus"

type metrics struct {
	registry        *prometheus.Registry
	reportsReceived *prometheus.CounterVec // result: created | duplicate
	reportsRejected *prometheus.CounterVec // code: an error code
	lexiconFetches  *prometheus.CounterVec // status: 200 | 304
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		reportsReceived: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wildlens_reports_received_total", Help: "Reports answered with a 2xx, by result (created, duplicate).",
		}, []string{"result"}),
		reportsRejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wildlens_reports_rejected_total", Help: "Reports refused, by error code.",
		}, []string{"code"}),
		lexiconFetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "wildlens_lexicon_fetches_total", Help: "Lexicon fetches, by HTTP status (200, 304).",
		}, []string{"status"}),
	}
	m.registry.MustRegister(m.reportsReceived, m.reportsRejected, m.lexiconFetches,
		prometheus.NewGoCollector(), prometheus.NewProcessCollector(prometheus.ProcessCollectorOpts{}))
	return m
}
