// A client of our own made of govmomi's REST clients (vapi/rest, vapi/tags, vapi/library,
// vapi/vcenter), as govc and Terraform's vSphere provider use them, run against a vCenter URL:
// one JSON line per step on stdout, {"step": ..., "ok": ..., "error": ..., "result": ...}.
// A failed step does not stop the run; the steps after it that need its result say so.
// It sends no X-API-Version header, as govmomi never does.
//
//	client -url http://127.0.0.1:PORT -user U -password P
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/vmware/govmomi/vapi/library"
	"github.com/vmware/govmomi/vapi/rest"
	"github.com/vmware/govmomi/vapi/tags"
	"github.com/vmware/govmomi/vapi/vcenter"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/soap"
)

var errSkipped = errors.New("skipped: an earlier step failed")

// run holds the clients and what the steps found or made, for the steps after them.
type run struct {
	ctx context.Context
	u   *url.URL
	c   *rest.Client
	tm  *tags.Manager
	lm  *library.Manager
	om  *vcenter.Manager

	vm, vm2, category, tag1, tag2 string
	datastore, lib, item, pool    string
	deployed, captured            string
}

func step(name string, fn func() (interface{}, error)) {
	result, err := fn()
	line := map[string]interface{}{"step": name, "ok": err == nil}
	if err != nil {
		line["error"] = err.Error()
	} else if result != nil {
		line["result"] = result
	}
	b, _ := json.Marshal(line)
	fmt.Println(string(b))
}

// needs fails a step whose input an earlier step did not produce.
func needs(ids ...string) error {
	for _, id := range ids {
		if id == "" {
			return errSkipped
		}
	}
	return nil
}

// get and post go through rest.Client.Do, as govmomi's own vcenter helpers do, for the
// /api operations govmomi 0.24 has no typed client for.
func (r *run) get(path string, out interface{}) error {
	return r.c.Do(r.ctx, r.c.Resource(path).Request(http.MethodGet), out)
}

func (r *run) post(path, action string) error {
	res := r.c.Resource(path)
	if action != "" {
		res = res.WithParam("action", action)
	}
	return r.c.Do(r.ctx, res.Request(http.MethodPost), nil)
}

func main() {
	base := flag.String("url", "", "vCenter URL, e.g. http://127.0.0.1:8080")
	user := flag.String("user", "administrator@vsphere.local", "user name")
	password := flag.String("password", "", "password")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil || *base == "" {
		fmt.Fprintln(os.Stderr, "usage: client -url URL -user U -password P")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	// No SOAP endpoint is needed: the REST client only borrows the SOAP client's HTTP transport.
	c := rest.NewClient(&vim25.Client{Client: soap.NewClient(u, true)})
	r := &run{ctx: ctx, u: u, c: c, tm: tags.NewManager(c), lm: library.NewManager(c), om: vcenter.NewManager(c)}

	step("session.login", func() (interface{}, error) { return nil, c.Login(ctx, url.UserPassword(*user, *password)) })
	step("session.get", func() (interface{}, error) {
		s, err := c.Session(ctx)
		if err == nil && s == nil {
			err = errors.New("no session after login")
		}
		if err != nil {
			return nil, err
		}
		return s.User, nil
	})
	r.listVMs()
	r.tagging()
	r.library()
	r.deploy()
	step("session.logout", func() (interface{}, error) { return nil, c.Logout(ctx) })
	step("session.get.after_logout", func() (interface{}, error) {
		s, err := c.Session(ctx)
		if err != nil {
			return nil, err
		}
		return s != nil, nil
	})
}
