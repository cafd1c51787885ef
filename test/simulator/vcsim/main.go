// Command vcsim is a minimal wrapper around govmomi's simulator (vcsim) used by
// the vcenter-sdk test-suite. It starts a VPX (vCenter) model with the vAPI REST
// handlers mounted under /rest, listens on 127.0.0.1 (free port by default),
// prints ONE line of JSON on stdout when ready and exits when stdin is closed
// (so the simulator dies with its parent) or on SIGINT/SIGTERM.
//
// Built against the Debian package golang-github-vmware-govmomi-dev (0.24.x) in
// GOPATH mode, see scripts/simulator/build.ts.
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"log"
	"math/big"
	"net"
	"net/url"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/vmware/govmomi/simulator"

	// Registers the vAPI REST endpoints (session, tagging, content library)
	// via simulator.RegisterEndpoint; mounted when Service.RegisterEndpoints=true.
	_ "github.com/vmware/govmomi/vapi/simulator"
)

type ready struct {
	URL            string `json:"url"`
	SDK            string `json:"sdk"`
	Cert           string `json:"cert,omitempty"`
	Fingerprint256 string `json:"fingerprint256,omitempty"`
	Fingerprint1   string `json:"fingerprint1,omitempty"`
	Username       string `json:"username"`
	Password       string `json:"password"`
	IdleTimeout    string `json:"idleTimeout,omitempty"`
	Pid            int    `json:"pid"`
	// Inventory lists managed object ids (moref values) of the VPX model, e.g.
	// for tag-association object ids ("vm-NN") or content library storage
	// backings (Datastore ids look like "/tmp/govcsim-DC0-LocalDS_0-123@folder-5").
	Inventory map[string][]object `json:"inventory"`
}

type object struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func inventory() map[string][]object {
	inv := make(map[string][]object)
	for _, kind := range []string{"Datacenter", "ClusterComputeResource", "HostSystem", "Datastore", "VirtualMachine", "Network", "ResourcePool", "Folder"} {
		list := []object{}
		for _, e := range simulator.Map.All(kind) {
			list = append(list, object{ID: e.Reference().Value, Name: e.Entity().Name})
		}
		sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
		inv[kind] = list
	}
	return inv
}

func fingerprint(sum []byte) string {
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// selfSigned generates a fresh self-signed ECDSA P-256 certificate valid for
// 127.0.0.1, ::1 and localhost.
func selfSigned() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		return tls.Certificate{}, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "127.0.0.1", Organization: []string{"vcenter-sdk vcsim"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1"), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}

func main() {
	listen := flag.String("l", "127.0.0.1:0", "listen address (host:port, port 0 = free port)")
	useTLS := flag.Bool("tls", true, "serve HTTPS")
	builtinCert := flag.Bool("builtin-cert", false, "with -tls: use govmomi's built-in static test certificate instead of a freshly generated one")
	idle := flag.Duration("idle", 0, "session idle timeout (e.g. 2s); 0 disables expiry (simulator.SessionIdleTimeout)")
	username := flag.String("username", "user", "SOAP login user (REST /rest accepts any non-empty user+password)")
	password := flag.String("password", "pass", "SOAP login password")
	noStdin := flag.Bool("no-stdin-watch", false, "do not exit when stdin closes")
	verbose := flag.Bool("v", false, "keep simulator log output on stderr")
	flag.Parse()

	if !*verbose {
		log.SetOutput(ioutil.Discard)
	}

	// Read by SessionIdleWatch for both SOAP (/sdk) and vAPI (/rest) sessions.
	simulator.SessionIdleTimeout = *idle

	model := simulator.VPX()
	if err := model.Create(); err != nil {
		fmt.Fprintln(os.Stderr, "vcsim: model create:", err)
		os.Exit(1)
	}

	model.Service.RegisterEndpoints = true
	model.Service.Listen = &url.URL{
		Host: *listen,
		User: url.UserPassword(*username, *password),
	}
	if *useTLS {
		model.Service.TLS = new(tls.Config)
		if !*builtinCert {
			cert, err := selfSigned()
			if err != nil {
				fmt.Fprintln(os.Stderr, "vcsim: generate cert:", err)
				os.Exit(1)
			}
			model.Service.TLS.Certificates = []tls.Certificate{cert}
		}
	}

	server := model.Service.NewServer()

	out := ready{
		URL:       server.URL.Scheme + "://" + server.URL.Host,
		SDK:       (&url.URL{Scheme: server.URL.Scheme, Host: server.URL.Host, Path: server.URL.Path}).String(),
		Username:  *username,
		Password:  *password,
		Pid:       os.Getpid(),
		Inventory: inventory(),
	}
	if *idle > 0 {
		out.IdleTimeout = idle.String()
	}
	if *useTLS {
		der := server.Certificate().Raw
		out.Cert = string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
		s256 := sha256.Sum256(der)
		s1 := sha1.Sum(der)
		out.Fingerprint256 = fingerprint(s256[:])
		out.Fingerprint1 = fingerprint(s1[:])
	}

	line, err := json.Marshal(out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "vcsim:", err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stdout, string(line))

	done := make(chan string, 2)
	if !*noStdin {
		go func() {
			_, _ = io.Copy(ioutil.Discard, os.Stdin)
			done <- "stdin closed"
		}()
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		s := <-sig
		done <- s.String()
	}()

	reason := <-done
	if *verbose {
		fmt.Fprintln(os.Stderr, "vcsim: exiting:", reason)
	}
	// Close() waits for in-flight requests; don't hang forever on a stuck client.
	closed := make(chan struct{})
	go func() {
		server.Close()
		model.Remove()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(2 * time.Second):
	}
	os.Exit(0)
}
